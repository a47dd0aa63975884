package org.triax.signal;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.triax.TriaxException;

/**
 * Which variables of a MAT file become channels, for every MAT version ({@link MatReader} tells
 * the rules). The variables come as one flat list: top-level ones by name, struct fields by dotted
 * path after their struct.
 */
final class MatVariables {
    /** MATLAB's real numeric classes (char and logical are stored as integers but are not signals). */
    static final Set<String> NUMERIC_CLASSES = Set.of("double", "single", "int8", "uint8", "int16", "uint16",
            "int32", "uint32", "int64", "uint64");

    private MatVariables() {
    }

    static Recording recording(Path file, List<MatVariable> all, ReadOptions options) {
        List<MatVariable> chosen;
        if (options.variable() != null) {
            chosen = all.stream().filter(v -> RecordingReaders.matchesVariable(v.name(), options.variable())).toList();
            if (chosen.isEmpty()) {
                throw new TriaxException(file + ": no variable matching '" + options.variable()
                        + "' (variables: " + describe(all) + ")");
            }
            if (chosen.size() == 1 && chosen.get(0).isStruct()) {
                chosen = automatic(file, all, chosen.get(0).name()); // a struct named: its fields
            }
        } else {
            chosen = automatic(file, all, "");
        }
        return channels(file, all, chosen, options);
    }

    /**
     * The members of {@code scope} ("" = top level), or, when none of them is a numeric array and
     * exactly one of their structs holds numeric arrays, that struct's members (recursively).
     */
    private static List<MatVariable> automatic(Path file, List<MatVariable> all, String scope) {
        List<MatVariable> members = all.stream().filter(v -> v.parent().equals(scope)).toList();
        if (members.stream().anyMatch(MatVariables::isArray)) {
            return members;
        }
        List<MatVariable> holders = members.stream().filter(MatVariable::isStruct)
                .filter(s -> all.stream().anyMatch(v -> v.name().startsWith(s.name() + ".") && isArray(v)))
                .toList();
        if (holders.size() > 1) {
            throw new TriaxException(file + ": numeric arrays in several structs ("
                    + holders.stream().map(MatVariable::name).collect(Collectors.joining(", "))
                    + "); choose one with the variable option, e.g. " + holders.get(0).name() + " or a field of it"
                    + " (variables: " + describe(all) + ")");
        }
        return holders.size() == 1 ? automatic(file, all, holders.get(0).name()) : members;
    }

    /** A real numeric array with more than one element (a scalar is a setting, not a signal). */
    private static boolean isArray(MatVariable v) {
        return v.isRealNumeric() && v.elements() > 1;
    }

    private static Recording channels(Path file, List<MatVariable> all, List<MatVariable> variables,
                                      ReadOptions options) {
        List<MatVariable> numeric = variables.stream().filter(MatVariable::isRealNumeric).toList();
        if (numeric.isEmpty()) {
            throw new TriaxException(file + ": no numeric array (variables: " + describe(variables) + ")");
        }
        List<MatVariable> matrices = numeric.stream().filter(v -> v.rows() > 1 && v.cols() > 1).toList();
        if (matrices.size() == 1) {
            double[][] samples = columns(matrices.get(0));
            return new Recording(file.toString(), CounterColumns.names(samples),
                    sampleRate(file, all, matrices, options), samples);
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
        return new Recording(file.toString(), channelNames(vectors), sampleRate(file, all, vectors, options), samples);
    }

    /** CWRU-style short names (DE, FE; a field by its own name), or the full paths if the short ones collide. */
    private static List<String> channelNames(List<MatVariable> vectors) {
        List<String> full = vectors.stream().map(MatVariable::name).toList();
        List<String> stripped = vectors.stream().map(v -> {
            String s = v.field().replaceFirst("^X\\d+_", "").replaceFirst("_time$", "");
            return s.isEmpty() ? v.field() : s;
        }).toList();
        return new HashSet<>(stripped).size() == stripped.size() ? stripped : full;
    }

    /**
     * A sampling-rate scalar beside the channels' variables (their struct), else in each enclosing
     * struct up to the top level; the options' rate fills in when there is none.
     */
    private static double sampleRate(Path file, List<MatVariable> all, List<MatVariable> channels,
                                     ReadOptions options) {
        String scope = channels.get(0).parent();
        while (!scope.isEmpty() && !inside(channels, scope)) {
            scope = parentOf(scope); // channels from several structs: their common enclosing one
        }
        while (true) {
            String here = scope;
            MatVariable rate = all.stream()
                    .filter(v -> v.parent().equals(here) && RecordingReaders.isSampleRateName(v.field())
                            && v.isRealNumeric() && v.elements() == 1)
                    .findFirst().orElse(null);
            if (rate != null) {
                return RecordingReaders.sampleRate(file, rate.values().get(0, 0), "variable " + rate.name(), options);
            }
            if (scope.isEmpty()) {
                return options.sampleRate();
            }
            scope = parentOf(scope);
        }
    }

    private static boolean inside(List<MatVariable> variables, String struct) {
        return variables.stream().allMatch(v -> v.name().startsWith(struct + "."));
    }

    private static String parentOf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
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
