package org.triax.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.TriaxException;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Matrix;

/** Time stamps, counters and constant columns are not vibration channels, in every format. */
class CounterColumnsTest {

    @TempDir
    Path dir;

    private static double[] column(int n, IntFunction<Double> value) {
        return IntStream.range(0, n).mapToDouble(value::apply).toArray();
    }

    private static double vibration(int i) {
        return Math.sin(0.9 * i) + 0.3 * Math.cos(2.3 * i);
    }

    @Test
    void monotonicAndConstantColumnsAreCountersVibrationIsNot() {
        assertEquals("never decreases", CounterColumns.kind(column(100, i -> i / 1000.0)));
        assertEquals("never increases", CounterColumns.kind(column(100, i -> -3.0 * i)));
        assertEquals("is constant", CounterColumns.kind(column(100, i -> 9.81)));
        assertEquals("never decreases", CounterColumns.kind(column(100, i -> (double) (i / 5))), "ms stamps at 5 kHz");
        assertNull(CounterColumns.kind(column(100, CounterColumnsTest::vibration)));
        // a short synthetic signal may be monotonic: below 16 samples nothing is judged
        assertNull(CounterColumns.kind(column(15, i -> (double) i)));
        assertEquals("never decreases", CounterColumns.kind(column(16, i -> (double) i)));
    }

    /** A CSV with {@code columns} (null header: headerless), one row per sample. */
    private Path csv(String name, String header, List<double[]> columns) throws IOException {
        StringBuilder sb = new StringBuilder(header == null ? "" : header + "\n");
        for (int i = 0; i < columns.get(0).length; i++) {
            for (int c = 0; c < columns.size(); c++) {
                sb.append(c > 0 ? "," : "").append(String.format(Locale.ROOT, "%.6f", columns.get(c)[i]));
            }
            sb.append('\n');
        }
        return Files.writeString(dir.resolve(name), sb);
    }

    private static ReadOptions keeping(ReadNotes notes, String... channels) {
        return new ReadOptions(Double.NaN, null, List.of(channels), notes);
    }

    @Test
    void headerlessLeadingTimeStampsAreLeftOutAndTheRestStayXyz() throws IOException {
        double[] t = column(200, i -> i / 1000.0);
        double[] v = column(200, CounterColumnsTest::vibration);
        Path file = csv("a.csv", null, List.of(t, column(200, i -> (double) i), v, v, v));
        ReadNotes notes = new ReadNotes();
        Recording r = RecordingReaders.read(file, keeping(notes));
        assertEquals(List.of("X", "Y", "Z"), r.channels());
        assertEquals(List.of(file + ": channel 'col0' never decreases: a time stamp, counter or constant, not a "
                        + "vibration channel; left out (name it in --channels to keep it)",
                file + ": channel 'col1' never decreases: a time stamp, counter or constant, not a vibration "
                        + "channel; left out (name it in --channels to keep it)"), notes.lines());
        assertTrue(Double.isNaN(r.sampleRate()), "an unnamed column is not known to be seconds");

        Recording kept = RecordingReaders.read(file, keeping(new ReadNotes(), "col1"));
        assertEquals(List.of("col1", "X", "Y", "Z"), kept.channels());
    }

    @Test
    void namedCounterAndConstantColumnsAreLeftOutUnlessNamedInChannels() throws IOException {
        double[] v = column(300, CounterColumnsTest::vibration);
        Path file = csv("a.csv", "sample,acc,gain", List.of(column(300, i -> 5000.0 - i), v, column(300, i -> 1.0)));
        ReadNotes notes = new ReadNotes();
        assertEquals(List.of("acc"), RecordingReaders.read(file, keeping(notes)).channels());
        assertEquals(2, notes.lines().size());
        assertTrue(notes.lines().get(0).contains("'gain' is constant"), notes.lines().toString());
        assertTrue(notes.lines().get(1).contains("'sample' never increases"), notes.lines().toString());
        assertEquals(List.of("sample", "acc"), RecordingReaders.read(file, keeping(new ReadNotes(), "SAMPLE")).channels());
    }

    @Test
    void aNamedTimeColumnIsStillTheRateAndCanBeKeptAsAChannel() throws IOException {
        Path file = csv("a.csv", "time,acc", List.of(column(64, i -> i / 500.0), column(64, CounterColumnsTest::vibration)));
        Recording r = RecordingReaders.read(file, ReadOptions.DEFAULT);
        assertEquals(List.of("acc"), r.channels());
        assertEquals(500.0, r.sampleRate());
        Recording kept = RecordingReaders.read(file, keeping(new ReadNotes(), "time"));
        assertEquals(List.of("time", "acc"), kept.channels());
        assertEquals(500.0, kept.sampleRate());
    }

    @Test
    void aFileOfCountersOnlyIsRefusedWithTheFix() throws IOException {
        Path file = csv("a.csv", null, List.of(column(50, i -> (double) i), column(50, i -> 2.0)));
        TriaxException e = assertThrows(TriaxException.class, () -> RecordingReaders.read(file, ReadOptions.DEFAULT));
        assertEquals(file + ": no vibration channel: every column is a time stamp, counter or constant ('col0' never "
                + "decreases, 'ch0' is constant); to use one anyway, name it with --channels", e.getMessage());
    }

    @Test
    void aDeadSensorDoesNotRenameTheOthers() throws IOException {
        double[] v = column(100, CounterColumnsTest::vibration);
        Path file = csv("a.csv", null, List.of(v, column(100, i -> 0.0), v));
        ReadNotes notes = new ReadNotes();
        assertEquals(List.of("X", "Z"), RecordingReaders.read(file, keeping(notes)).channels());
        assertTrue(notes.lines().get(0).contains("channel 'Y' is constant"), notes.lines().toString());
    }

    @Test
    void matrixColumnsThatCountAreLeftOutInMatFilesToo() throws IOException {
        Matrix m = Mat5.newMatrix(100, 4);
        for (int i = 0; i < 100; i++) {
            m.setDouble(i, 0, i);
            for (int c = 1; c < 4; c++) {
                m.setDouble(i, c, vibration(i + 7 * c));
            }
        }
        Path file = dir.resolve("m.mat");
        Mat5.writeToFile(Mat5.newMatFile().addArray("H", m), file.toFile());
        Recording r = RecordingReaders.read(file, ReadOptions.DEFAULT);
        assertEquals(List.of("X", "Y", "Z"), r.channels());
        assertEquals(vibration(7), r.samples()[0][0], 0.0);
    }

    @Test
    void notesOfManyFilesMergeIntoOneLine() {
        ReadNotes notes = new ReadNotes();
        notes.add("b.csv", "channel 'time2' is odd");
        notes.add("a.csv", "channel 'time2' is odd");
        notes.add("c.csv", "another thing");
        assertEquals(List.of("c.csv: another thing", "channel 'time2' is odd (2 recordings, e.g. a.csv)"), notes.lines());
        ReadNotes.DISCARD.add("a.csv", "kept nowhere");
        assertEquals(List.of(), ReadNotes.DISCARD.lines());
    }
}
