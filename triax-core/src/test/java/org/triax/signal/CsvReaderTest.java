package org.triax.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.TriaxException;

class CsvReaderTest {

    @TempDir
    Path dir;

    private final CsvReader reader = new CsvReader();

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private Recording read(Path file) throws IOException {
        return reader.read(file, ReadOptions.DEFAULT);
    }

    @Test
    void headerWithTimeColumnGivesChannelsAndSampleRate() throws IOException {
        Path file = write("a.csv", "Time,ax,ay\n0.000,1,2\n0.001,3,4\n0.002,5,6\n0.003,7,8\n");
        Recording r = read(file);
        assertEquals(List.of("ax", "ay"), r.channels());
        assertEquals(1000.0, r.sampleRate(), 0.0);
        assertArrayEquals(new double[] {1, 3, 5, 7}, r.samples()[0]);
        assertArrayEquals(new double[] {2, 4, 6, 8}, r.samples()[1]);
    }

    @Test
    void timeColumnInMillisecondsIsScaled() throws IOException {
        Path file = write("a.csv", "x,time_ms\n1,0\n2,0.5\n3,1.0\n");
        Recording r = read(file);
        assertEquals(List.of("x"), r.channels());
        assertEquals(2000.0, r.sampleRate(), 0.0);
    }

    @Test
    void givenSampleRateNeverContradictsTheTimeColumn() throws IOException {
        Path file = write("a.csv", "t,x\n0,1\n0.5,2\n1,3\n");
        assertEquals(2.0, reader.read(file, new ReadOptions(2, null)).sampleRate(), 0.0);
        TriaxException e = assertThrows(TriaxException.class, () -> reader.read(file, new ReadOptions(100, null)));
        assertTrue(e.getMessage().startsWith(file + ": time column 't' says 2.0 Hz, but --fs"), e.getMessage());
        assertTrue(e.getMessage().contains("100.0 Hz") && e.getMessage().contains("--resample"), e.getMessage());
    }

    @Test
    void givenSampleRateFillsInWhereTheFileStatesNone() throws IOException {
        assertEquals(100.0, reader.read(write("a.csv", "x,y\n1,2\n3,4\n"), new ReadOptions(100, null)).sampleRate());
        assertEquals(100.0, reader.read(write("b.csv", "1,2\n3,4\n"), new ReadOptions(100, null)).sampleRate());
    }

    @Test
    void roundedTimeStampsGiveTheExactRateFromTheirMeanStep() throws IOException {
        // 1/48000 s printed to 6 decimals: every step is 2.1e-5 or 2.0e-5, the median is wrong by 5 %
        StringBuilder sb = new StringBuilder("time,x\n");
        for (int i = 0; i < 4800; i++) {
            sb.append(String.format(java.util.Locale.ROOT, "%.6f,%d%n", i / 48000.0, i % 7));
        }
        assertEquals(48000.0, read(write("a.csv", sb.toString())).sampleRate(), 0.0);
    }

    @Test
    void unevenTimeStepsStateNoRateAndSaySo() throws IOException {
        // a gap of 100 samples in 1000: the mean step is 10 % longer than the median
        StringBuilder sb = new StringBuilder("time,x\n");
        for (int i = 0; i < 1000; i++) {
            sb.append((i < 500 ? i : i + 100) / 1000.0).append(',').append(i % 7).append('\n');
        }
        Path file = write("a.csv", sb.toString());
        ReadNotes notes = new ReadNotes();
        Recording r = reader.read(file, new ReadOptions(Double.NaN, null, List.of(), notes));
        assertTrue(Double.isNaN(r.sampleRate()));
        assertEquals(List.of(file + ": time column 'time' has uneven steps (gaps or jitter), so it states no sampling "
                + "rate; give --fs if the samples are evenly spaced"), notes.lines());
        assertEquals(1000.0, reader.read(file, new ReadOptions(1000, null)).sampleRate(), 0.0);
    }

    @Test
    void headerWithoutTimeColumnLeavesSampleRateUnknown() throws IOException {
        Recording r = read(write("a.csv", "a1,a2\n1,2\n3,4\n"));
        assertEquals(List.of("a1", "a2"), r.channels());
        assertTrue(Double.isNaN(r.sampleRate()));
    }

    @Test
    void threeColumnsWithoutHeaderAreXyz() throws IOException {
        Recording r = read(write("a.csv", "1,2,3\n4,5,6\n"));
        assertEquals(List.of("X", "Y", "Z"), r.channels());
        assertArrayEquals(new double[] {3, 6}, r.samples()[2]);
    }

    @Test
    void otherColumnCountsWithoutHeaderAreNumbered() throws IOException {
        Recording r = read(write("a.tsv", "1 2 3 4\n  5\t6   7 8\n"));
        assertEquals(List.of("ch0", "ch1", "ch2", "ch3"), r.channels());
        assertArrayEquals(new double[] {4, 8}, r.samples()[3]);
    }

    @Test
    void semicolonAndTabDelimitersAreDetected() throws IOException {
        Recording semi = read(write("a.csv", "\"x\";\"y\"\n1.5;-2\n3;4e-1\n"));
        assertEquals(List.of("x", "y"), semi.channels());
        assertArrayEquals(new double[] {-2, 0.4}, semi.samples()[1]);
        Recording tab = read(write("b.tsv", "x\ty\n1\t2\n3\t4\n"));
        assertEquals(List.of("x", "y"), tab.channels());
        assertArrayEquals(new double[] {1, 3}, tab.samples()[0]);
    }

    @Test
    void gzippedCsvRoundTrips() throws IOException {
        StringBuilder text = new StringBuilder("a1,a2,a3,a4\n");
        for (int i = 0; i < 5000; i++) {
            text.append(i).append(',').append(-i).append(',').append(i * 0.5).append(",7\n");
        }
        Path file = dir.resolve("g.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        Recording r = read(file);
        assertEquals(List.of("a1", "a2", "a3", "a4"), r.channels());
        assertEquals(5000, r.length());
        assertEquals(-4999.0, r.samples()[1][4999], 0.0);
        assertEquals(2499.5, r.samples()[2][4999], 0.0);
    }

    @Test
    void truncatedGzipIsReported() throws IOException {
        Path file = dir.resolve("g.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            for (int i = 0; i < 2000; i++) {
                out.write((i + "," + Math.sin(i) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        TriaxException e = assertThrows(TriaxException.class, () -> read(file));
        assertTrue(e.getMessage().contains("truncated or corrupt gzip"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void nonNumericCellNamesLineAndCell() throws IOException {
        Path file = write("a.csv", "x,y\n1,2\n3,abc\n");
        TriaxException e = assertThrows(TriaxException.class, () -> read(file));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("'abc'"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void raggedRowNamesLine() throws IOException {
        Path file = write("a.csv", "1,2,3\n4,5,6\n7,8\n");
        TriaxException e = assertThrows(TriaxException.class, () -> read(file));
        assertTrue(e.getMessage().contains("line 3 has 2 cells, expected 3"), e.getMessage());
    }

    @Test
    void nanCellIsRejectedWithItsLine() throws IOException {
        Path file = write("a.csv", "x,y\n1,2\nNaN,4\n");
        TriaxException e = assertThrows(TriaxException.class, () -> read(file));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void headerOnlyHasNoSamples() throws IOException {
        Path file = write("a.csv", "x,y,z\n\n");
        TriaxException e = assertThrows(TriaxException.class, () -> read(file));
        assertTrue(e.getMessage().contains("no samples"), e.getMessage());
    }

    @Test
    void blankFileHasNoSamples() throws IOException {
        Path file = write("a.csv", "\n  \n");
        TriaxException e = assertThrows(TriaxException.class, () -> read(file));
        assertTrue(e.getMessage().contains("no samples"), e.getMessage());
    }

    @Test
    void onlyATimeColumnIsAnError() throws IOException {
        Path file = write("a.csv", "time\n0\n1\n");
        TriaxException e = assertThrows(TriaxException.class, () -> read(file));
        assertTrue(e.getMessage().contains("no data columns"), e.getMessage());
    }

    @Test
    void decreasingTimeColumnIsAnError() throws IOException {
        Path file = write("a.csv", "time,x\n3,0\n2,1\n1,1\n");
        TriaxException e = assertThrows(TriaxException.class, () -> read(file));
        assertTrue(e.getMessage().contains("does not increase"), e.getMessage());
    }

    @Test
    void acceptsCsvTsvAndGzippedVariantsButNotTxtNotes() {
        for (String name : List.of("a.csv", "A.CSV.GZ", "a.tsv", "a.tsv.gz")) {
            assertTrue(reader.accepts(Path.of(name)), name);
        }
        assertFalse(reader.accepts(Path.of("a.mat")));
        assertFalse(reader.accepts(Path.of("notes.txt")));
    }

    @Test
    void rowsAcrossTheReadBufferKeepTheirValuesAndLineNumbersWithAnyLineEnd() throws IOException {
        // 6000 rows of printed float64 values (~250 KB): many buffer refills, a \r\n cut between two reads somewhere
        java.util.Random rnd = new java.util.Random(7);
        double[][] v = new double[2][6000];
        for (String end : List.of("\n", "\r\n", "\r")) {
            StringBuilder sb = new StringBuilder("a , \"b\"").append(end);
            for (int i = 0; i < 6000; i++) {
                v[0][i] = rnd.nextGaussian();
                v[1][i] = -rnd.nextDouble() * 1e-3;
                sb.append(v[0][i]).append(" ,\"").append(v[1][i]).append("\"").append(end);
                if (i == 2500) {
                    sb.append("  ").append(end); // a blank line counts as a line
                }
            }
            Recording r = read(write("ends.csv", sb.toString()));
            assertArrayEquals(v[0], r.samples()[0]);
            assertArrayEquals(v[1], r.samples()[1]);
            String bad = sb.toString().replace(v[1][5000] + "\"", "x\"");
            TriaxException e = assertThrows(TriaxException.class, () -> read(write("bad.csv", bad)));
            // header, 5001 rows before it, one blank line
            assertTrue(e.getMessage().contains("line 5003, column 2: 'x' is not a number"), e.getMessage());
        }
    }

    @Test
    void aLineLongerThanTheReadBufferIsOneRow() throws IOException {
        int columns = 3000;
        StringBuilder sb = new StringBuilder();
        for (int row = 0; row < 20; row++) {
            for (int c = 0; c < columns; c++) {
                sb.append(c == 0 ? "" : "\t").append(row * 10000 + c + 0.25);
            }
            sb.append('\n');
        }
        Recording r = read(write("wide.tsv", sb.toString()));
        assertEquals(columns, r.channels().size());
        assertEquals(20, r.length());
        assertEquals(190000 + 2999.25, r.samples()[2999][19]);
    }
}
