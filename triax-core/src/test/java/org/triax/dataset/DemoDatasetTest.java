package org.triax.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;
import org.jtransforms.fft.DoubleFFT_1D;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.TriaxException;

class DemoDatasetTest {

    private static final long SEED = 42;
    private static final int N = DemoDataset.SAMPLES;
    private static final double HZ_PER_BIN = (double) DemoDataset.FS / N;

    @TempDir
    static Path shared;

    @BeforeAll
    static void generateOnce() {
        DemoDataset.generate(shared, SEED);
    }

    @Test
    void generatesFourClassFoldersOfEightCsvFilesWithPropertiesAndReadme() throws IOException {
        for (String cls : List.of("healthy", "imbalance", "misalignment", "bearing_outer_race")) {
            List<String> names = new ArrayList<>();
            try (Stream<Path> files = Files.list(shared.resolve(cls))) {
                files.forEach(f -> names.add(f.getFileName().toString()));
            }
            names.sort(null);
            List<String> expected = new ArrayList<>();
            for (int k = 1; k <= 8; k++) {
                expected.add(String.format(Locale.ROOT, "%s_%02d.csv", cls, k));
            }
            assertEquals(expected, names);
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(shared.resolve("triax.properties"))) {
            p.load(in);
        }
        assertEquals("5120", p.getProperty("fs"));
        assertEquals("X,Y,Z", p.getProperty("channels"));
        assertEquals("42", p.getProperty("demo.seed"));
        assertTrue(Files.readString(shared.resolve("README.md")).contains("Synthetic"));
        try (Stream<Path> top = Files.list(shared)) {
            assertEquals(6, top.count(), "4 class folders, properties, README; no leftover .part files");
        }
    }

    @Test
    void csvHoldsTheSynthesizedSignalWithExactTimesWhateverTheLocale(@TempDir Path dir) throws IOException {
        Locale saved = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY); // decimal comma locale must not leak into the files
        try {
            DemoDataset.generate(dir, SEED);
        } finally {
            Locale.setDefault(saved);
        }
        Path file = DemoDataset.file(dir, "misalignment", 3);
        assertEquals("time,X,Y,Z", Files.readAllLines(file).get(0));
        double[][] csv = readCsv(file);
        double[][] xyz = DemoDataset.synthesize(SEED, "misalignment", 3).xyz();
        assertEquals(N, csv[0].length);
        for (int i = 0; i < N; i++) {
            assertEquals((double) i / DemoDataset.FS, csv[0][i], 0.0);
            for (int axis = 0; axis < 3; axis++) {
                assertEquals(xyz[axis][i], csv[axis + 1][i], 5.0000001e-7);
            }
        }
    }

    @Test
    void appendDecimalWritesPlainDecimalsWithoutTrailingZeros() {
        assertEquals("0", decimal(0, 6));
        assertEquals("0.000123", decimal(123, 6));
        assertEquals("-0.000001", decimal(-1, 6));
        assertEquals("-1.5", decimal(-1_500_000, 6));
        assertEquals("12.000034", decimal(12_000_034, 6));
        assertEquals("3", decimal(3_000_000, 6));
        assertEquals("0.0001953125", decimal(1_953_125, 10));
        assertEquals("1.9998046875", decimal(10239L * 1_953_125, 10));
    }

    @Test
    void sameSeedGivesByteIdenticalFilesAndAnotherSeedDiffers(@TempDir Path dir) throws IOException {
        Path again = DemoDataset.generate(dir.resolve("again"), SEED);
        Path other = DemoDataset.generate(dir.resolve("other"), SEED + 1);
        for (Path f : relativeFiles(shared)) {
            assertSameBytes(shared, again, f);
        }
        Path csv = Path.of("healthy", "healthy_01.csv");
        assertFalse(Arrays.equals(Files.readAllBytes(shared.resolve(csv)),
                Files.readAllBytes(other.resolve(csv))));
    }

    @Test
    void refusesANonEmptyForeignFolderAndLeavesItsFilesUntouched(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "mine");
        Files.writeString(dir.resolve("triax.properties"), "fs=1000\n");
        assertThrows(TriaxException.class, () -> DemoDataset.generate(dir, SEED));
        assertEquals(List.of(Path.of("notes.txt"), Path.of("triax.properties")), relativeFiles(dir));
        assertEquals("mine", Files.readString(dir.resolve("notes.txt")));
        assertEquals("fs=1000\n", Files.readString(dir.resolve("triax.properties")));

        Path file = dir.resolve("notes.txt");
        assertThrows(TriaxException.class, () -> DemoDataset.generate(file, SEED));
    }

    @Test
    void reusesACompleteDemoFolderForTheSameSeed(@TempDir Path dir) throws IOException {
        DemoDataset.generate(dir, SEED);
        FileTime old = FileTime.fromMillis(0);
        for (Path f : relativeFiles(dir)) {
            Files.setLastModifiedTime(dir.resolve(f), old);
        }
        assertSame(dir, DemoDataset.generate(dir, SEED));
        for (Path f : relativeFiles(dir)) {
            assertEquals(old, Files.getLastModifiedTime(dir.resolve(f)), f + " was rewritten");
        }
    }

    @Test
    void refusesADemoFolderOfAnotherSeedOrAnInterruptedOneAndLeavesItAsItIs(@TempDir Path dir) throws IOException {
        Path demo = DemoDataset.generate(dir.resolve("demo"), SEED + 1);
        Path csv = DemoDataset.file(demo, "healthy", 1);
        byte[] before = Files.readAllBytes(csv);
        TriaxException other = assertThrows(TriaxException.class, () -> DemoDataset.generate(demo, SEED));
        assertTrue(other.getMessage().contains("demo dataset of seed " + (SEED + 1)), other.getMessage());
        assertArrayEquals(before, Files.readAllBytes(csv), "another seed's recording was rewritten");
        Path same = DemoDataset.generate(dir.resolve("same"), SEED);
        Files.delete(DemoDataset.file(same, "imbalance", 5));
        assertThrows(TriaxException.class, () -> DemoDataset.generate(same, SEED));
        assertFalse(Files.exists(DemoDataset.file(same, "imbalance", 5)), "an interrupted folder is not patched");
    }

    @Test
    void writesIntoAnEmptyFolderAndLeavesNoTemporaryFolderBehind(@TempDir Path dir) throws IOException {
        Path demo = Files.createDirectory(dir.resolve("empty"));
        DemoDataset.generate(demo, SEED);
        assertEquals(relativeFiles(shared), relativeFiles(demo));
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(demo), s.toList(), "only the published folder remains");
        }
    }

    @Test
    void imbalanceXSpectrumPeaksAtTheShaftFrequency() throws IOException {
        for (int k = 1; k <= 8; k++) {
            double[] x = readCsv(DemoDataset.file(shared, "imbalance", k))[1];
            double[] spectrum = amplitude(x);
            int peak = argMax(spectrum, bin(5), bin(200));
            double shaftHz = DemoDataset.synthesize(SEED, "imbalance", k).shaftHz();
            assertEquals(shaftHz, peak * HZ_PER_BIN, 1.0, "imbalance_" + k);
        }
    }

    @Test
    void misalignmentHasFarMoreAxialEnergyAt1xAnd2xThanHealthy() throws IOException {
        double healthiest = 0;
        double weakestMisaligned = Double.MAX_VALUE;
        for (int k = 1; k <= 8; k++) {
            healthiest = Math.max(healthiest, axialEnergy("healthy", k));
            weakestMisaligned = Math.min(weakestMisaligned, axialEnergy("misalignment", k));
        }
        assertTrue(weakestMisaligned > 10 * healthiest, weakestMisaligned + " vs " + healthiest);
    }

    @Test
    void bearingOuterRaceEnvelopeOfYPeaksAtBpfoAndHealthyDoesNot() throws IOException {
        for (int k = 1; k <= 8; k++) {
            double[] env = envelopeSpectrumOfY("bearing_outer_race", k);
            double bpfo = bpfo("bearing_outer_race", k);
            int peak = argMax(env, bin(0.5 * bpfo), bin(1.5 * bpfo));
            assertEquals(bpfo, peak * HZ_PER_BIN, 1.0, "bearing_outer_race_" + k);
            assertTrue(prominence(env, bpfo) > 10, "bearing_outer_race_" + k + ": " + prominence(env, bpfo));

            double healthy = prominence(envelopeSpectrumOfY("healthy", k), bpfo("healthy", k));
            assertTrue(healthy < 6, "healthy_" + k + ": " + healthy);
        }
    }

    private static double bpfo(String cls, int k) {
        return DemoDataset.BPFO_ORDER * DemoDataset.synthesize(SEED, cls, k).shaftHz();
    }

    /** Spectrum of the squared envelope of Y in the resonance band (1.5-2.9 kHz). */
    private static double[] envelopeSpectrumOfY(String cls, int k) throws IOException {
        double[] y = readCsv(DemoDataset.file(shared, cls, k))[2];
        return amplitude(squaredEnvelope(y, 1500, 2900));
    }

    /** Largest envelope line within 1 Hz of {@code hz} over the median line of 5-400 Hz. */
    private static double prominence(double[] env, double hz) {
        double line = env[argMax(env, bin(hz - 1), bin(hz + 1))];
        return line / median(Arrays.copyOfRange(env, bin(5), bin(400)));
    }

    /** Energy of Z within 1 Hz of 1x and 2x. */
    private static double axialEnergy(String cls, int k) throws IOException {
        double[] z = amplitude(readCsv(DemoDataset.file(shared, cls, k))[3]);
        double shaftHz = DemoDataset.synthesize(SEED, cls, k).shaftHz();
        double energy = 0;
        for (int order = 1; order <= 2; order++) {
            for (int b = bin(order * shaftHz - 1); b <= bin(order * shaftHz + 1); b++) {
                energy += z[b] * z[b];
            }
        }
        return energy;
    }

    /** |analytic signal|^2 of the band lo..hi Hz: keep only those positive-frequency bins. */
    private static double[] squaredEnvelope(double[] x, double lo, double hi) {
        double[] c = new double[2 * N];
        for (int i = 0; i < N; i++) {
            c[2 * i] = x[i];
        }
        DoubleFFT_1D fft = new DoubleFFT_1D(N);
        fft.complexForward(c);
        for (int b = 0; b < N; b++) {
            if (b < bin(lo) || b > bin(hi)) {
                c[2 * b] = 0;
                c[2 * b + 1] = 0;
            }
        }
        fft.complexInverse(c, true);
        double[] env = new double[N];
        for (int i = 0; i < N; i++) {
            env[i] = c[2 * i] * c[2 * i] + c[2 * i + 1] * c[2 * i + 1];
        }
        return env;
    }

    /** Single-sided amplitude spectrum of the signal minus its mean, bins 0..N/2. */
    private static double[] amplitude(double[] x) {
        double mean = Arrays.stream(x).average().orElse(0);
        double[] c = new double[2 * N];
        for (int i = 0; i < N; i++) {
            c[i] = x[i] - mean;
        }
        new DoubleFFT_1D(N).realForwardFull(c);
        double[] a = new double[N / 2 + 1];
        for (int b = 0; b < a.length; b++) {
            a[b] = Math.hypot(c[2 * b], c[2 * b + 1]) * 2 / N;
        }
        return a;
    }

    private static int bin(double hz) {
        return (int) Math.round(hz / HZ_PER_BIN);
    }

    private static int argMax(double[] a, int from, int to) {
        int best = from;
        for (int i = from; i <= to; i++) {
            if (a[i] > a[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /** Columns of a triax CSV ({@code [0]} time, then X, Y, Z), parsed with plain Java. */
    private static double[][] readCsv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        double[][] cols = new double[4][lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            String[] parts = lines.get(i).split(",");
            assertEquals(4, parts.length, file + " line " + (i + 1));
            for (int c = 0; c < 4; c++) {
                cols[c][i - 1] = Double.parseDouble(parts[c]);
            }
        }
        return cols;
    }

    private static String decimal(long units, int decimals) {
        StringBuilder sb = new StringBuilder();
        DemoDataset.appendDecimal(sb, units, decimals);
        return sb.toString();
    }

    private static void assertSameBytes(Path a, Path b, Path file) throws IOException {
        assertArrayEquals(Files.readAllBytes(a.resolve(file)), Files.readAllBytes(b.resolve(file)),
                file.toString());
    }

    private static List<Path> relativeFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }
}
