package org.triax.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.jhdf.checksum.ChecksumUtils;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.TriaxException;

/** MAT v7.3 (HDF5 behind MATLAB's 512-byte header), written here the way MATLAB lays it out. */
class Mat73ReaderTest {
    @TempDir
    Path dir;

    private final MatReader reader = new MatReader();

    /**
     * A v7.3 file: each entry is a variable (value: a MATLAB-oriented double[rows][cols] or
     * int[rows][cols]) with its MATLAB class; stored transposed, as MATLAB (column-major) does.
     */
    private Path mat73(String name, Map<String, Object[]> variables) throws IOException {
        return mat73(name, w -> {
            for (Map.Entry<String, Object[]> v : variables.entrySet()) {
                w.putDataset(v.getKey(), transpose(v.getValue()[0])).putAttribute("MATLAB_class", (String) v.getValue()[1]);
            }
        });
    }

    /** A v7.3 file with whatever {@code content} writes into the HDF5 part. */
    private Path mat73(String name, Consumer<WritableHdfFile> content) throws IOException {
        Path h5 = dir.resolve(name + ".h5");
        try (WritableHdfFile w = HdfFile.write(h5)) {
            content.accept(w);
        }
        byte[] body = Files.readAllBytes(h5);
        // the HDF5 data now starts after the user block: base address 512, superblock checksum redone
        ByteBuffer sb = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(2, body[8], "superblock version 2 expected from jHDF");
        sb.putLong(12, 512);
        sb.putInt(44, ChecksumUtils.checksum(Arrays.copyOfRange(body, 0, 44)));
        byte[] header = new byte[512];
        Arrays.fill(header, 0, 116, (byte) ' ');
        byte[] text = "MATLAB 7.3 MAT-file, Platform: GLNXA64, Created on: Wed Nov 25 10:00:00 2026 HDF5 schema 1.00 ."
                .getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, header, 0, text.length);
        header[125] = 2;
        header[126] = 'I';
        header[127] = 'M';
        Path mat = dir.resolve(name + ".mat");
        byte[] all = Arrays.copyOf(header, 512 + body.length);
        System.arraycopy(body, 0, all, 512, body.length);
        Files.write(mat, all);
        return mat;
    }

    private static Object transpose(Object matlab) {
        if (matlab instanceof double[][] m) {
            double[][] t = new double[m[0].length][m.length];
            for (int r = 0; r < m.length; r++) {
                for (int c = 0; c < m[0].length; c++) {
                    t[c][r] = m[r][c];
                }
            }
            return t;
        }
        int[][] m = (int[][]) matlab;
        int[][] t = new int[m[0].length][m.length];
        for (int r = 0; r < m.length; r++) {
            for (int c = 0; c < m[0].length; c++) {
                t[c][r] = m[r][c];
            }
        }
        return t;
    }

    /** An n x channels matrix, sample i of channel c = {@link #sample}. */
    private static double[][] matrix(int n, int channels) {
        double[][] m = new double[n][channels];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < channels; c++) {
                m[i][c] = sample(i, c);
            }
        }
        return m;
    }

    /** ±(100 c + i), the sign alternating: a plain ramp would be a counter column. */
    private static double sample(int i, int c) {
        return ((i + c) % 2 == 0 ? 1 : -1) * (100 * c + i);
    }

    private static double[][] column(int n, double offset) {
        double[][] m = new double[n][1];
        for (int i = 0; i < n; i++) {
            m[i][0] = offset + i;
        }
        return m;
    }

    @Test
    void matrixColumnsAreTheChannelsAndFsIsRead() throws IOException {
        Map<String, Object[]> v = new LinkedHashMap<>();
        v.put("acc", new Object[] {matrix(40, 3), "double"});
        v.put("fs", new Object[] {new double[][] {{5120}}, "double"});
        v.put("label", new Object[] {new int[][] {{104, 105}}, "char"}); // text, stored as integers
        Recording r = reader.read(mat73("m", v), ReadOptions.DEFAULT);
        assertEquals(List.of("X", "Y", "Z"), r.channels());
        assertEquals(5120, r.sampleRate());
        assertEquals(40, r.length());
        assertEquals(sample(39, 2), r.samples()[2][39]);
        assertEquals(sample(17, 0), r.samples()[0][17]);
    }

    @Test
    void aV73FileInMemoryReadsAsOnDisk() throws IOException {
        Map<String, Object[]> v = new LinkedHashMap<>();
        v.put("acc", new Object[] {matrix(40, 3), "double"});
        v.put("fs", new Object[] {new double[][] {{5120}}, "double"});
        Path file = mat73("m", v);
        Recording r = RecordingReaders.read(RecordingInput.inMemory("m.mat", Files.readAllBytes(file)), ReadOptions.DEFAULT);
        assertEquals(List.of("X", "Y", "Z"), r.channels());
        assertEquals(5120, r.sampleRate());
        assertTrue(Arrays.deepEquals(reader.read(file, ReadOptions.DEFAULT).samples(), r.samples()));
    }

    @Test
    void cwruStyleVectorsBecomeNamedChannels() throws IOException {
        Map<String, Object[]> v = new LinkedHashMap<>();
        v.put("X097_DE_time", new Object[] {column(50, 0), "double"});
        v.put("X097_FE_time", new Object[] {column(50, 1000), "double"});
        v.put("X097RPM", new Object[] {new double[][] {{1796}}, "double"});
        Recording r = reader.read(mat73("cwru", v), new ReadOptions(48000, null));
        assertEquals(List.of("DE", "FE"), r.channels());
        assertEquals(48000, r.sampleRate());
        assertArrayEquals(new double[] {1000, 1001, 1002}, Arrays.copyOf(r.samples()[1], 3));
    }

    @Test
    void structFieldsAreReadByDottedPathWithTheRateBesideThem() throws IOException {
        double[][] gs = matrix(64, 1);
        Path file = mat73("bearing", w -> {
            WritableGroup bearing = w.putGroup("bearing");
            bearing.putAttribute("MATLAB_class", "struct");
            bearing.putDataset("sr", new double[][] {{97656}}).putAttribute("MATLAB_class", "double");
            bearing.putDataset("gs", transpose(gs)).putAttribute("MATLAB_class", "double");
            bearing.putDataset("rate", new double[][] {{25}}).putAttribute("MATLAB_class", "double");
            WritableGroup inner = bearing.putGroup("raw");
            inner.putAttribute("MATLAB_class", "struct");
            inner.putDataset("acc", transpose(matrix(80, 3))).putAttribute("MATLAB_class", "double");
        });
        Recording auto = reader.read(file, ReadOptions.DEFAULT);
        assertEquals(List.of("gs"), auto.channels());
        assertEquals(97656.0, auto.sampleRate());
        assertArrayEquals(new double[] {sample(0, 0), sample(1, 0), sample(2, 0)}, Arrays.copyOf(auto.samples()[0], 3));
        Recording nested = reader.read(file, new ReadOptions(Double.NaN, "bearing.raw.acc"));
        assertEquals(List.of("X", "Y", "Z"), nested.channels());
        assertEquals(80, nested.length());
        assertEquals(97656.0, nested.sampleRate(), "from the enclosing struct");
    }

    @Test
    void rowMajorRecordingsAndIntegerClassesAreRead() throws IOException {
        int[][] rows = new int[2][30]; // 2 x 30: channels in rows, int16 counts
        for (int i = 0; i < 30; i++) {
            rows[0][i] = i;
            rows[1][i] = -i;
        }
        Map<String, Object[]> v = new LinkedHashMap<>();
        v.put("counts", new Object[] {rows, "int16"});
        Recording r = reader.read(mat73("rows", v), new ReadOptions(1000, null));
        assertEquals(2, r.channelCount());
        assertEquals(-29, r.samples()[1][29]);
    }

    @Test
    void textOnlyFileNamesItsVariables() throws IOException {
        Map<String, Object[]> v = new LinkedHashMap<>();
        v.put("note", new Object[] {new int[][] {{104, 105, 33}}, "char"});
        TriaxException e = assertThrows(TriaxException.class,
                () -> reader.read(mat73("text", v), new ReadOptions(1000, null)));
        assertTrue(e.getMessage().contains("no numeric array") && e.getMessage().contains("note char 1x3"),
                e.getMessage());
    }

    @Test
    void truncatedV73FileIsReported() throws IOException {
        Map<String, Object[]> v = new LinkedHashMap<>();
        v.put("acc", new Object[] {matrix(200, 3), "double"});
        Path mat = mat73("cut", v);
        byte[] all = Files.readAllBytes(mat);
        Files.write(mat, Arrays.copyOf(all, all.length - 100));
        TriaxException e = assertThrows(TriaxException.class,
                () -> reader.read(mat, new ReadOptions(1000, null)));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
}
