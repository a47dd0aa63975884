package org.triax.signal;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.triax.TriaxException;

/**
 * Which variables of a MAT file become channels, for every MAT version ({@link MatReader} tells
 * the rules).
 */
final class MatVariables {
    /** MATLAB's real numeric classes (char and logical are stored as integers but are not signals). */
    static final Set<String> NUMERIC_CLASSES = Set.of("double", "single", "int8", "uint8", "int16", "uint16",
            "int32", "uint32", "int64", "uint64");

    private MatVariables() {
    }

    static Recording recording(Path file, List<MatVariable> all, ReadOptions options) {
        List<MatVariable> chosen = all;
        if (options.variable() != null) {
            chosen = all.stream().filter(v -> RecordingReaders.matchesVariable(v.name(), options.variable())).toList();
            if (chosen.isEmpty()) {
                throw new TriaxException(file + ": no variable matching '" + options.variable()
                        + "' (variables: " + describe(all) + ")");
            }
        }
        double fs = options.sampleRate();
        if (Double.isNaN(fs)) {
            fs = sampleRate(all);
        }
        return channels(file, chosen, fs);
    }

    private static Recording channels(Path file, List<MatVariable> variables, double fs) {
        List<MatVariable> numeric = variables.stream().filter(MatVariable::isRealNumeric).toList();
        if (numeric.isEmpty()) {
            throw new TriaxException(file + ": no numeric array (variables: " + describe(variables) + ")");
        }
        List<MatVariable> matrices = numeric.stream().filter(v -> v.rows() > 1 && v.cols() > 1).toList();
        if (matrices.size() == 1) {
            double[][] samples = columns(matrices.get(0));
            return new Recording(file.toString(), RecordingReaders.defaultChannelNames(samples.length), fs, samples);
        }
        if (matrices.size() > 1) {
            throw new TriaxException(file + ": several 2-D numeric variables (" + describe(matrices)
                    + "); choose one with the variable option");
        }
        int longest = numeric.stream().mapToInt(MatVariable::elements).max().orElse(0);
        if (longest < 2) {
            throw new TriaxException(file + ": only scalar numeric variables (variables: " + describe(variables) + ")");
        }
        List<MatVariable> vectors = numeric.stream().filter(v -> v.elements() == longest).toList();
        double[][] samples = vectors.stream().map(v -> columns(v)[0]).toArray(double[][]::new);
        return new Recording(file.toString(), channelNames(vectors), fs, samples);
    }

    /** CWRU-style short names (DE, FE), or the full variable names if the short ones collide. */
    private static List<String> channelNames(List<MatVariable> vectors) {
        List<String> full = vectors.stream().map(MatVariable::name).toList();
        List<String> stripped = full.stream().map(n -> {
            String s = n.replaceFirst("^X\\d+_", "").replaceFirst("_time$", "");
            return s.isEmpty() ? n : s;
        }).toList();
        return new HashSet<>(stripped).size() == stripped.size() ? stripped : full;
    }

    private static double sampleRate(List<MatVariable> variables) {
        return variables.stream()
                .filter(v -> RecordingReaders.isSampleRateName(v.name()) && v.isRealNumeric() && v.elements() == 1)
                .mapToDouble(v -> v.values().get(0, 0))
                .findFirst().orElse(Double.NaN);
    }

    /** samples[channel][time] with time along the longer dimension (a vector gives one channel). */
    private static double[][] columns(MatVariable v) {
        boolean timeDown = v.rows() >= v.cols();
        int length = timeDown ? v.rows() : v.cols();
        int count = timeDown ? v.cols() : v.rows();
        double[][] out = new double[count][length];
        for (int c = 0; c < count; c++) {
            for (int i = 0; i < length; i++) {
                out[c][i] = timeDown ? v.values().get(i, c) : v.values().get(c, i);
            }
        }
        return out;
    }

    private static String describe(List<MatVariable> variables) {
        return variables.isEmpty() ? "none"
                : variables.stream().map(MatVariable::toString).collect(Collectors.joining(", "));
    }
}
