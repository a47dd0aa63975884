package org.triax.signal;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.triax.TriaxException;

/**
 * MAT v7.3 files: HDF5 with a 512-byte MATLAB header as user block. Each variable is a dataset of
 * the root group tagged with a {@code MATLAB_class} attribute; MATLAB is column-major, so an R x C
 * variable is stored with HDF5 dimensions [C, R]. A scalar struct is a group whose members are its
 * fields (listed by dotted path, {@code bearing.gs}); cells and struct arrays hold references.
 * Structs and cells are never read as channels; nor are char and logical arrays (stored as integers).
 */
final class Mat73 {
    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private Mat73() {
    }

    /** True for a v7.3 header, or for a bare HDF5 file saved with the .mat extension. */
    static boolean isHdf5(RecordingInput input) throws IOException {
        byte[] head = new byte[HDF5_SIGNATURE.length];
        int n;
        try (InputStream in = input.open()) {
            n = in.readNBytes(head, 0, head.length);
        }
        return n == head.length && (Arrays.equals(head, HDF5_SIGNATURE)
                || new String(head, StandardCharsets.US_ASCII).startsWith("MATLAB 7"));
    }

    static List<MatVariable> variables(RecordingInput input) {
        Path file = input.path();
        try (HdfFile hdf = Hdf5Reader.open(input)) {
            List<MatVariable> out = new ArrayList<>();
            for (Node node : hdf) {
                if (!node.getName().startsWith("#")) { // #refs# and #subsystem# hold MATLAB internals
                    add(file, node.getName(), node, out);
                }
            }
            return out;
        } catch (HdfException e) {
            throw new TriaxException(file + ": not a readable MAT v7.3 file (" + RecordingReaders.reason(e) + ")", e);
        }
    }

    /** A variable, and the fields of a struct (a group: its members, recursively) by dotted path. */
    private static void add(Path file, String name, Node node, List<MatVariable> out) {
        if (node instanceof Dataset d) {
            out.add(variable(file, name, d));
            return;
        }
        out.add(new MatVariable(name, matlabClass(node, "struct"), "?", 0, 0, null));
        if (node instanceof Group g && !node.isLink()) {
            for (Node field : g) {
                add(file, name + "." + field.getName(), field, out);
            }
        }
    }

    private static MatVariable variable(Path file, String name, Dataset d) {
        int[] dims = d.getDimensions();
        String type = matlabClass(d, d.getJavaType().getSimpleName());
        // MATLAB's R x C is stored as [C, R]
        int rows = dims.length == 2 ? dims[1] : 0;
        int cols = dims.length == 2 ? dims[0] : 0;
        String shape = dims.length == 2 ? rows + "x" + cols
                : Arrays.stream(dims).mapToObj(Integer::toString).collect(Collectors.joining("x"));
        boolean real = dims.length == 2 && rows > 0 && cols > 0 && d.getAttribute("MATLAB_empty") == null
                && (d.getDataType() instanceof FloatingPoint || d.getDataType() instanceof FixedPoint)
                && (d.getAttribute("MATLAB_class") == null || MatVariables.NUMERIC_CLASSES.contains(type));
        if (!real) {
            return new MatVariable(name, type, shape, rows, cols, null);
        }
        double[] flat = Hdf5Reader.toDoubles(file, d, d.getDataFlat());
        return new MatVariable(name, type, shape, rows, cols, (r, c) -> flat[c * rows + r]);
    }

    private static String matlabClass(Node node, String fallback) {
        Attribute a = node.getAttribute("MATLAB_class");
        return a != null && a.getData() instanceof String s ? s : fallback;
    }
}
