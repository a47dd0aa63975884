package org.triax.signal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.triax.TriaxException;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;

/**
 * MATLAB MAT v5 files (what {@code save} writes by default up to {@code -v7}).
 *
 * <p>Which variables become channels ({@link ReadOptions#variable()} first narrows the variables
 * to those whose name equals it or fully matches it as a regex):
 * <ul>
 *   <li>exactly one real numeric matrix with both dimensions &gt; 1: its columns are the channels,
 *       or its rows when it has fewer rows than columns (the longer dimension is time); named X, Y,
 *       Z for three channels, else ch0, ch1, ...
 *   <li>no such matrix: every numeric vector as long as the longest one is a channel, named after
 *       its variable without a leading {@code X<digits>_} and a trailing {@code _time} (CWRU:
 *       {@code X097_DE_time} becomes DE). Scalars such as {@code X097RPM} are ignored.
 *   <li>several matrices: an error asking for the variable option, because guessing would
 *       silently read the wrong data.
 * </ul>
 * A numeric scalar named fs, sampling_rate, sample_rate or samplerate (any case) gives the sampling
 * rate when the options do not. Integer arrays are converted to double.
 */
public final class MatReader implements RecordingReader {

    static final List<String> EXTENSIONS = List.of(".mat");

    private static final Set<MatlabType> NUMERIC = EnumSet.of(MatlabType.Double, MatlabType.Single,
            MatlabType.Int8, MatlabType.UInt8, MatlabType.Int16, MatlabType.UInt16,
            MatlabType.Int32, MatlabType.UInt32, MatlabType.Int64, MatlabType.UInt64);

    @Override
    public boolean accepts(Path file) {
        return RecordingReaders.hasExtension(file, EXTENSIONS);
    }

    @Override
    public Recording read(Path file, ReadOptions options) throws IOException {
        try (Mat5File mat = open(file)) {
            List<MatFile.Entry> all = new ArrayList<>();
            mat.getEntries().forEach(all::add);
            List<MatFile.Entry> chosen = all;
            if (options.variable() != null) {
                chosen = all.stream()
                        .filter(e -> RecordingReaders.matchesVariable(e.getName(), options.variable()))
                        .toList();
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
    }

    private static Mat5File open(Path file) {
        try {
            return Mat5.readFromFile(file.toFile());
        } catch (IOException | RuntimeException e) {
            // mfl reports bad bytes with EOF, buffer and argument exceptions alike
            throw new TriaxException(file + ": not a readable MAT v5 file ("
                    + RecordingReaders.reason(e) + ")", e);
        }
    }

    private static Recording channels(Path file, List<MatFile.Entry> entries, double fs) {
        List<MatFile.Entry> numeric = entries.stream().filter(e -> isRealNumeric(e.getValue())).toList();
        if (numeric.isEmpty()) {
            throw new TriaxException(file + ": no numeric array (variables: " + describe(entries) + ")");
        }
        List<MatFile.Entry> matrices = numeric.stream()
                .filter(e -> e.getValue().getNumRows() > 1 && e.getValue().getNumCols() > 1).toList();
        if (matrices.size() == 1) {
            double[][] samples = columns((Matrix) matrices.get(0).getValue());
            return new Recording(file.toString(), RecordingReaders.defaultChannelNames(samples.length),
                    fs, samples);
        }
        if (matrices.size() > 1) {
            throw new TriaxException(file + ": several 2-D numeric variables (" + describe(matrices)
                    + "); choose one with the variable option");
        }
        int longest = numeric.stream().mapToInt(e -> e.getValue().getNumElements()).max().orElse(0);
        if (longest < 2) {
            throw new TriaxException(file + ": only scalar numeric variables (variables: "
                    + describe(entries) + ")");
        }
        List<MatFile.Entry> vectors =
                numeric.stream().filter(e -> e.getValue().getNumElements() == longest).toList();
        double[][] samples =
                vectors.stream().map(e -> vector((Matrix) e.getValue())).toArray(double[][]::new);
        return new Recording(file.toString(), channelNames(vectors), fs, samples);
    }

    /** CWRU-style short names (DE, FE), or the full variable names if the short ones collide. */
    private static List<String> channelNames(List<MatFile.Entry> vectors) {
        List<String> full = vectors.stream().map(MatFile.Entry::getName).toList();
        List<String> stripped = full.stream().map(n -> {
            String s = n.replaceFirst("^X\\d+_", "").replaceFirst("_time$", "");
            return s.isEmpty() ? n : s;
        }).toList();
        return new HashSet<>(stripped).size() == stripped.size() ? stripped : full;
    }

    private static double sampleRate(List<MatFile.Entry> entries) {
        return entries.stream()
                .filter(e -> RecordingReaders.isSampleRateName(e.getName()))
                .filter(e -> isRealNumeric(e.getValue()) && e.getValue().getNumElements() == 1)
                .mapToDouble(e -> ((Matrix) e.getValue()).getDouble(0))
                .findFirst().orElse(Double.NaN);
    }

    private static boolean isRealNumeric(Array a) {
        // Sparse is a Matrix too, but its type is Sparse, so NUMERIC excludes it
        return a instanceof Matrix m && NUMERIC.contains(m.getType()) && !m.isLogical()
                && !m.isComplex() && m.getNumDimensions() == 2;
    }

    /** samples[channel][time] with time along the longer dimension. */
    private static double[][] columns(Matrix m) {
        boolean timeDown = m.getNumRows() >= m.getNumCols();
        int length = timeDown ? m.getNumRows() : m.getNumCols();
        int count = timeDown ? m.getNumCols() : m.getNumRows();
        double[][] out = new double[count][length];
        for (int c = 0; c < count; c++) {
            for (int i = 0; i < length; i++) {
                out[c][i] = timeDown ? m.getDouble(i, c) : m.getDouble(c, i);
            }
        }
        return out;
    }

    private static double[] vector(Matrix m) {
        double[] out = new double[m.getNumElements()];
        for (int i = 0; i < out.length; i++) {
            out[i] = m.getDouble(i);
        }
        return out;
    }

    private static String describe(List<MatFile.Entry> entries) {
        if (entries.isEmpty()) {
            return "none";
        }
        return entries.stream().map(e -> {
            int[] d = e.getValue().getDimensions();
            String shape = Arrays.stream(d).mapToObj(Integer::toString)
                    .collect(Collectors.joining("x"));
            return e.getName() + " " + e.getValue().getType() + " " + shape;
        }).collect(Collectors.joining(", "));
    }
}
