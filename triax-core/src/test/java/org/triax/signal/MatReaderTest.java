package org.triax.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.TriaxException;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;

class MatReaderTest {

    @TempDir
    Path dir;

    private final MatReader reader = new MatReader();

    /** rows × cols matrix with value {@link #cell}, so every cell says where it came from. */
    private static Matrix matrix(int rows, int cols, MatlabType type) {
        Matrix m = Mat5.newMatrix(rows, cols, type);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                m.setDouble(r, c, cell(r, c));
            }
        }
        return m;
    }

    /** ±(100 col + row), the sign alternating along rows and columns: a plain ramp would be a counter column. */
    private static double cell(int row, int col) {
        return ((row + col) % 2 == 0 ? 1 : -1) * (100 * col + row);
    }

    private Path save(MatFile mat) throws IOException {
        Path file = dir.resolve("f.mat");
        Mat5.writeToFile(mat, file.toFile());
        return file;
    }

    private Recording read(Path file, String variable) throws IOException {
        return reader.read(file, new ReadOptions(Double.NaN, variable));
    }

    /** The layout of a CWRU file: two long vectors and an RPM scalar. */
    private Path cwruLike() throws IOException {
        return save(Mat5.newMatFile()
                .addArray("X097_DE_time", matrix(50, 1, MatlabType.Double))
                .addArray("X097_FE_time", matrix(50, 1, MatlabType.Double))
                .addArray("X097RPM", Mat5.newScalar(1797)));
    }

    @Test
    void singleMatrixColumnsAreXyz() throws IOException {
        Recording r = read(save(Mat5.newMatFile().addArray("H", matrix(20, 3, MatlabType.Double))), null);
        assertEquals(List.of("X", "Y", "Z"), r.channels());
        assertEquals(20, r.length());
        assertEquals(cell(19, 2), r.samples()[2][19], 0.0);
        assertTrue(Double.isNaN(r.sampleRate()));
    }

    @Test
    void wideMatrixHasChannelsInRows() throws IOException {
        Recording r = read(save(Mat5.newMatFile().addArray("d", matrix(2, 30, MatlabType.Double))), null);
        assertEquals(List.of("ch0", "ch1"), r.channels());
        assertEquals(30, r.length());
        assertEquals(cell(1, 29), r.samples()[1][29], 0.0);
    }

    @Test
    void integerMatrixIsConvertedToDouble() throws IOException {
        Recording r = read(save(Mat5.newMatFile().addArray("d", matrix(10, 4, MatlabType.Int16))), null);
        assertEquals(List.of("ch0", "ch1", "ch2", "ch3"), r.channels());
        assertEquals(cell(9, 3), r.samples()[3][9], 0.0);
    }

    @Test
    void cwruVectorsBecomeDeAndFeAndScalarIsIgnored() throws IOException {
        Recording r = read(cwruLike(), null);
        assertEquals(List.of("DE", "FE"), r.channels());
        assertEquals(50, r.length());
        assertEquals(cell(49, 0), r.samples()[1][49], 0.0);
    }

    @Test
    void shorterVectorsAreLeftOut() throws IOException {
        Path file = save(Mat5.newMatFile()
                .addArray("a", matrix(1, 40, MatlabType.Double))
                .addArray("b", matrix(40, 1, MatlabType.Single))
                .addArray("labels", matrix(5, 1, MatlabType.Double)));
        assertEquals(List.of("a", "b"), read(file, null).channels());
    }

    @Test
    void variableRegexSelectsVariables() throws IOException {
        Path file = cwruLike();
        assertEquals(List.of("FE"), read(file, "X\\d+_FE_time").channels());
        assertEquals(List.of("DE"), read(file, "X097_DE_time").channels());
    }

    @Test
    void variableMatchingNothingListsVariables() throws IOException {
        Path file = cwruLike();
        TriaxException e = assertThrows(TriaxException.class, () -> read(file, "acc"));
        assertTrue(e.getMessage().contains("X097_DE_time") && e.getMessage().contains("X097RPM"),
                e.getMessage());
    }

    @Test
    void severalMatricesNeedTheVariableOption() throws IOException {
        Path file = save(Mat5.newMatFile()
                .addArray("a", matrix(10, 3, MatlabType.Double))
                .addArray("b", matrix(10, 2, MatlabType.Double)));
        TriaxException e = assertThrows(TriaxException.class, () -> read(file, null));
        assertTrue(e.getMessage().contains("variable option"), e.getMessage());
        assertEquals(List.of("ch0", "ch1"), read(file, "b").channels());
    }

    @Test
    void fsScalarGivesSampleRateAndAContradictingOptionIsAnError() throws IOException {
        Path file = save(Mat5.newMatFile()
                .addArray("data", matrix(10, 3, MatlabType.Double))
                .addArray("Fs", Mat5.newScalar(12000)));
        assertEquals(12000.0, read(file, null).sampleRate(), 0.0);
        TriaxException e = assertThrows(TriaxException.class, () -> reader.read(file, new ReadOptions(48000, null)));
        assertTrue(e.getMessage().startsWith(file + ": variable Fs says 12000.0 Hz, but --fs"), e.getMessage());
        assertTrue(e.getMessage().contains("48000.0 Hz"), e.getMessage());
    }

    @Test
    void noNumericArrayListsVariables() throws IOException {
        Path file = save(Mat5.newMatFile().addArray("note", Mat5.newString("hello")));
        TriaxException e = assertThrows(TriaxException.class, () -> read(file, null));
        assertTrue(e.getMessage().contains("no numeric array") && e.getMessage().contains("note"),
                e.getMessage());
    }

    @Test
    void truncatedFileIsNotReadable() throws IOException {
        Path file = save(Mat5.newMatFile().addArray("H", matrix(500, 3, MatlabType.Double)));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        TriaxException e = assertThrows(TriaxException.class, () -> read(file, null));
        assertTrue(e.getMessage().contains("not a readable MAT v5 file"), e.getMessage());
        assertTrue(e.getCause() != null);
    }

    @Test
    void nonMatBytesAreNotReadable() throws IOException {
        Path file = dir.resolve("x.mat");
        Files.write(file, "time,x\n0,1\n".repeat(30).getBytes(StandardCharsets.UTF_8));
        TriaxException e = assertThrows(TriaxException.class, () -> read(file, null));
        assertTrue(e.getMessage().contains("not a readable MAT v5 file"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void valuesSurviveTheRoundTrip() throws IOException {
        Matrix m = Mat5.newMatrix(4, 3);
        double[][] expected = {{0.5, -1, 2, 3.25}, {1e-3, 0, 7, 8}, {-4, 5, 6, 9}};
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 4; i++) {
                m.setDouble(i, c, expected[c][i]);
            }
        }
        Recording r = read(save(Mat5.newMatFile().addArray("acc", m)), null);
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(expected[c], r.samples()[c], 0.0);
        }
    }
}
