package org.triax.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableDataset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.TriaxException;

/** Fixtures are written with jHDF's own (alpha) writer, which supports datasets and attributes. */
class Hdf5ReaderTest {

    @TempDir
    Path dir;

    private final Hdf5Reader reader = new Hdf5Reader();

    /** time × 3 data: row i = (i, 10 i, 100 i). */
    private static double[][] timeByThree(int n) {
        double[][] data = new double[n][3];
        for (int i = 0; i < n; i++) {
            data[i] = new double[] {i, 10 * i, 100 * i};
        }
        return data;
    }

    private Path h5(Consumer<WritableHdfFile> content) {
        Path file = dir.resolve("f.h5");
        try (WritableHdfFile out = HdfFile.write(file)) {
            content.accept(out);
        }
        return file;
    }

    private Recording read(Path file, String variable) {
        return reader.read(file, new ReadOptions(Double.NaN, variable));
    }

    @Test
    void vibrationDataWithAttributesGivesNamesAndSampleRate() {
        Path file = h5(out -> {
            out.putDataset("other", new double[][] {{1, 2}, {3, 4}});
            WritableDataset d = out.putDataset("vibration_data", timeByThree(8));
            d.putAttribute("channels", new String[] {"ax", "ay", "az"});
            d.putAttribute("fs", 2048.0);
        });
        Recording r = read(file, null);
        assertEquals(List.of("ax", "ay", "az"), r.channels());
        assertEquals(2048.0, r.sampleRate(), 0.0);
        assertArrayEquals(new double[] {0, 100, 200, 300, 400, 500, 600, 700}, r.samples()[2]);
    }

    @Test
    void singleTwoDimensionalDatasetIsFoundInAGroupWithRootSampleRate() {
        Path file = h5(out -> {
            out.putAttribute("Sampling_Rate", 500.0);
            out.putGroup("run1").putDataset("acc", timeByThree(5));
            out.putDataset("rpm", new double[] {1797});
        });
        Recording r = read(file, null);
        assertEquals(List.of("X", "Y", "Z"), r.channels());
        assertEquals(500.0, r.sampleRate(), 0.0);
        assertEquals(5, r.length());
    }

    @Test
    void channelsByTimeIsTransposedAndCommaSeparatedNamesAreSplit() {
        Path file = h5(out -> out.putDataset("vibration_data", new float[][] {{1, 2, 3, 4}, {5, 6, 7, 8}})
                .putAttribute("channel_names", "left, right"));
        Recording r = read(file, null);
        assertEquals(List.of("left", "right"), r.channels());
        assertArrayEquals(new double[] {5, 6, 7, 8}, r.samples()[1]);
    }

    @Test
    void oneDimensionalIntegerDatasetIsOneChannel() {
        Path file = h5(out -> out.putDataset("signal", new int[] {3, -1, 4, 1, 5}));
        Recording r = read(file, null);
        assertEquals(List.of("ch0"), r.channels());
        assertArrayEquals(new double[] {3, -1, 4, 1, 5}, r.samples()[0]);
    }

    @Test
    void variableSelectsByNamePathOrRegex() {
        Path file = h5(out -> {
            out.putGroup("g").putDataset("a", timeByThree(4));
            out.putDataset("b", new double[][] {{1, 2}, {3, 4}, {5, 6}});
        });
        assertEquals(3, read(file, "/g/a").channelCount());
        assertEquals(3, read(file, "g/a").channelCount());
        assertEquals(2, read(file, "b").channelCount());
        assertEquals(2, read(file, "[bc]").channelCount());
    }

    @Test
    void ambiguousOrMissingDatasetListsDatasets() {
        Path file = h5(out -> {
            out.putDataset("a", timeByThree(4));
            out.putDataset("b", timeByThree(4));
        });
        TriaxException auto = assertThrows(TriaxException.class, () -> read(file, null));
        assertTrue(auto.getMessage().contains("/a") && auto.getMessage().contains("/b"), auto.getMessage());
        TriaxException missing = assertThrows(TriaxException.class, () -> read(file, "c"));
        assertTrue(missing.getMessage().contains("0 datasets match 'c'"), missing.getMessage());
    }

    @Test
    void channelNameCountMismatchIsAnError() {
        Path file = h5(out -> out.putDataset("vibration_data", timeByThree(4))
                .putAttribute("channels", new String[] {"a", "b"}));
        TriaxException e = assertThrows(TriaxException.class, () -> read(file, null));
        assertTrue(e.getMessage().contains("names 2 channels"), e.getMessage());
    }

    @Test
    void givenSampleRateContradictingTheAttributeIsAnError() {
        Path file = h5(out -> out.putDataset("vibration_data", timeByThree(4)).putAttribute("fs", 10.0));
        assertEquals(10.0, reader.read(file, new ReadOptions(10, null)).sampleRate(), 0.0);
        TriaxException e = assertThrows(TriaxException.class, () -> reader.read(file, new ReadOptions(25, null)));
        assertTrue(e.getMessage().startsWith(file + ": attribute fs says 10.0 Hz, but --fs"), e.getMessage());
        Path bare = h5(out -> out.putDataset("data", timeByThree(4)));
        assertEquals(25.0, reader.read(bare, new ReadOptions(25, null)).sampleRate(), 0.0);
    }

    @Test
    void truncatedFileIsReportedInsteadOfReadingGarbage() throws IOException {
        Path file = h5(out -> out.putDataset("vibration_data", timeByThree(4000)));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        TriaxException e = assertThrows(TriaxException.class, () -> read(file, null));
        assertTrue(e.getMessage().contains("truncated HDF5 file"), e.getMessage());
    }

    @Test
    void nonHdf5BytesAreReported() throws IOException {
        Path file = dir.resolve("bad.h5");
        Files.write(file, "not hdf5 at all\n".repeat(40).getBytes(StandardCharsets.UTF_8));
        TriaxException e = assertThrows(TriaxException.class, () -> read(file, null));
        assertTrue(e.getMessage().contains("not a readable HDF5 file"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
}
