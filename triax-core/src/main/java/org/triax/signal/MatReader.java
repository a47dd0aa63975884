package org.triax.signal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.triax.TriaxException;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.ObjectStruct;
import us.hebi.matlab.mat.types.Struct;

/**
 * MATLAB MAT files: v5/v7 (what {@code save} writes by default, read with MAT File Library) and
 * v7.3 ({@code save -v7.3}: HDF5 behind a 512-byte header, read with jHDF by {@link Mat73}).
 *
 * <p>Which variables become channels ({@link ReadOptions#variable()} first narrows the variables
 * to those whose name equals it or fully matches it as a regex; a field of a scalar struct is
 * named by its dotted path, {@code bearing.gs}, and naming a struct means its fields):
 * <ul>
 *   <li>exactly one real numeric matrix with both dimensions &gt; 1: its columns are the channels,
 *       or its rows when it has fewer rows than columns (the longer dimension is time); named X, Y,
 *       Z for three channels, else ch0, ch1, ... (time stamp and counter columns are not counted
 *       and are named {@code col<i>}, see {@link CounterColumns})
 *   <li>no such matrix: every numeric vector as long as the longest one is a channel, named after
 *       its variable (a field: after its own name, {@code bearing.gs} is gs) without a leading
 *       {@code X<digits>_} and a trailing {@code _time} (CWRU: {@code X097_DE_time} becomes DE).
 *       Scalars such as {@code X097RPM} are ignored.
 *   <li>several matrices: an error asking for the variable option, because guessing would
 *       silently read the wrong data.
 * </ul>
 * Without the variable option the top-level variables are used, unless none of them is a numeric
 * array and one struct holds numeric arrays: then that struct's fields (MathWorks' bearing data:
 * {@code bearing.gs}). Struct and cell variables are never channels themselves.
 *
 * <p>The sampling rate is a numeric scalar named fs, sr, sampling_rate, sample_rate or samplerate
 * (any case) beside the chosen variables (in the same struct: {@code bearing.sr}), else in an
 * enclosing struct or at the top level. Integer arrays are converted to double.
 */
public final class MatReader implements RecordingReader {

    static final List<String> EXTENSIONS = List.of(".mat");

    @Override
    public boolean accepts(Path file) {
        return RecordingReaders.hasExtension(file, EXTENSIONS);
    }

    @Override
    public Recording read(RecordingInput input, ReadOptions options) throws IOException {
        Path file = input.path();
        if (Mat73.isHdf5(input)) {
            return MatVariables.recording(file, Mat73.variables(input), options);
        }
        try (Mat5File mat = open(input)) {
            List<MatVariable> variables = new ArrayList<>();
            mat.getEntries().forEach(e -> add(e.getName(), e.getValue(), variables));
            return MatVariables.recording(file, variables, options);
        }
    }

    private static Mat5File open(RecordingInput input) {
        try {
            return input.mat5();
        } catch (IOException | RuntimeException e) {
            // mfl reports bad bytes with EOF, buffer and argument exceptions alike
            throw new TriaxException(input + ": not a readable MAT v5 file ("
                    + RecordingReaders.reason(e) + ")", e);
        }
    }

    /** The variable, and the fields of a scalar struct (recursively) by dotted path. */
    private static void add(String name, Array a, List<MatVariable> out) {
        out.add(variable(name, a));
        if (a instanceof Struct s && !(a instanceof ObjectStruct) && s.getNumElements() == 1) {
            for (String field : s.getFieldNames()) {
                add(name + "." + field, s.get(field), out);
            }
        }
    }

    private static MatVariable variable(String name, Array a) {
        String shape = Arrays.stream(a.getDimensions()).mapToObj(Integer::toString).collect(Collectors.joining("x"));
        // Sparse is a Matrix too, but its class is sparse, so it is not numeric here
        boolean real = a instanceof Matrix m && MatVariables.NUMERIC_CLASSES.contains(m.getType().toString())
                && !m.isLogical() && !m.isComplex()
                && m.getNumDimensions() == 2;
        MatVariable.Values values = real ? ((Matrix) a)::getDouble : null;
        return new MatVariable(name, a.getType().toString(), shape, a.getNumRows(), a.getNumCols(), values);
    }
}
