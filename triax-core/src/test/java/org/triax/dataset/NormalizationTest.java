package org.triax.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.triax.TriaxException;
import org.triax.signal.StftConfig;
import org.triax.signal.WindowFunction;
import org.triax.signal.WindowSpec;

class NormalizationTest {

    private static final int PER_CHANNEL = 12;

    /** {@code windows} tensors of 3 channels; channel c ~ N(mean[c], std[c]). */
    private static SpectrogramSet set(Random rnd, int windows, double[] mean, double[] std) {
        int channels = mean.length;
        int size = channels * PER_CHANNEL;
        float[] data = new float[windows * size];
        for (int w = 0; w < windows; w++) {
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < PER_CHANNEL; i++) {
                    data[w * size + c * PER_CHANNEL + i] = (float) (mean[c] + std[c] * rnd.nextGaussian());
                }
            }
        }
        return new SpectrogramSet(data, size, new int[windows], new int[windows], new int[windows]);
    }

    /** {mean, std} of channel c over all windows of a flat array. */
    private static double[] stats(float[] data, int windows, int size, int channels, int c) {
        int per = size / channels;
        double sum = 0;
        double sq = 0;
        for (int w = 0; w < windows; w++) {
            for (int i = 0; i < per; i++) {
                double v = data[w * size + c * per + i];
                sum += v;
                sq += v * v;
            }
        }
        double n = (double) windows * per;
        double m = sum / n;
        return new double[] {m, Math.sqrt(Math.max(sq / n - m * m, 0))};
    }

    @Test
    void standardisesEachChannelOfTheFittedSetToMeanZeroAndUnitDeviation() {
        Random rnd = new Random(3);
        for (int trial = 0; trial < 20; trial++) {
            double[] mean = {-80 + 40 * rnd.nextDouble(), -120 + 100 * rnd.nextDouble(), 10 * rnd.nextGaussian()};
            double[] std = {0.1 + 20 * rnd.nextDouble(), 0.1 + 5 * rnd.nextDouble(), 0.01 + rnd.nextDouble()};
            SpectrogramSet train = set(rnd, 5 + rnd.nextInt(60), mean, std);
            Normalization n = Normalization.fit(train, 3);
            float[] copy = train.data().clone();
            n.apply(copy, train.size(), train.tensorSize());
            for (int c = 0; c < 3; c++) {
                double[] s = stats(copy, train.size(), train.tensorSize(), 3, c);
                assertEquals(0, s[0], 1e-4, "trial " + trial + " channel " + c + " mean");
                assertEquals(1, s[1], 1e-4, "trial " + trial + " channel " + c + " std");
            }
        }
    }

    @Test
    void fitsOnTheGivenSetOnlyAndDoesNotChangeIt() {
        Random rnd = new Random(5);
        SpectrogramSet train = set(rnd, 40, new double[] {-60, -30, 0}, new double[] {5, 2, 1});
        SpectrogramSet test = set(rnd, 40, new double[] {-10, 20, 50}, new double[] {30, 20, 10});
        float[] before = train.data().clone();
        Normalization n = Normalization.fit(train, 3);
        assertArrayEquals(before, train.data(), "fit must not modify the data");
        for (int c = 0; c < 3; c++) {
            double[] s = stats(train.data(), train.size(), train.tensorSize(), 3, c);
            assertEquals(s[0], n.mean()[c], 1e-4 * Math.max(1, Math.abs(s[0])), "mean of train channel " + c);
            assertEquals(s[1], n.std()[c], 1e-4 * s[1], "std of train channel " + c);
        }
        // the test set is far off: applying train statistics must leave it far off
        float[] t = test.data().clone();
        n.apply(t, test.size(), test.tensorSize());
        assertTrue(Math.abs(stats(t, test.size(), test.tensorSize(), 3, 0)[0]) > 5,
                "test data must not be centred by its own statistics");
    }

    @ParameterizedTest
    @ValueSource(floats = {0f, -120f, -37.3f, 0.1f, 1234.567f})
    void constantChannelStaysFiniteAndMapsToZero(float constant) {
        Random rnd = new Random(8);
        int windows = 517;
        SpectrogramSet train = set(rnd, windows, new double[] {-50, constant, -20}, new double[] {4, 0, 3});
        // the generator adds 0 * gaussian = exactly the (float) constant
        Normalization n = Normalization.fit(train, 3);
        float[] copy = train.data().clone();
        n.apply(copy, train.size(), train.tensorSize());
        for (float v : copy) {
            assertTrue(Float.isFinite(v), "NaN/Inf after normalising a constant channel");
        }
        for (int w = 0; w < windows; w++) {
            for (int i = 0; i < PER_CHANNEL; i++) {
                float v = copy[w * train.tensorSize() + PER_CHANNEL + i];
                assertEquals(0f, v, 1e-3f, "constant " + constant + " must become 0, got " + v);
            }
        }
        // the other channels are untouched by the constant one
        assertEquals(1, stats(copy, windows, train.tensorSize(), 3, 0)[1], 1e-4);
        assertEquals(1, stats(copy, windows, train.tensorSize(), 3, 2)[1], 1e-4);
    }

    @Test
    void constantChannelAtTheDbFloorOfARealDatasetStaysFinite(@TempDir Path root) throws IOException {
        // channel Z is all zeros: every PSD bin sits at the -120 dB floor (named, so the reader keeps it)
        Random rnd = new Random(2);
        for (String cls : List.of("a", "b")) {
            for (int k = 0; k < 3; k++) {
                StringBuilder sb = new StringBuilder("X,Y,Z\n");
                for (int i = 0; i < 200; i++) {
                    sb.append(String.format(Locale.ROOT, "%.6f,%.6f,0%n", rnd.nextGaussian(), 3 * rnd.nextGaussian()));
                }
                Path p = root.resolve(cls).resolve(k + ".csv");
                Files.createDirectories(p.getParent());
                Files.writeString(p, sb);
            }
        }
        DataOptions o = new DataOptions(root, List.of("X", "Y", "Z"), 1000, null, new WindowSpec(64, 32),
                new StftConfig(16, 8, WindowFunction.HANN, -120, 0, Double.POSITIVE_INFINITY),
                SplitProtocol.AUTO, SplitFractions.DEFAULT, 1);
        PreparedDataset d = DatasetLoader.load(o);
        SpectrogramSet validationBefore = d.validation();
        float[] validationCopy = validationBefore.data().clone();
        Normalization n = Normalization.fit(d.train(), 3);
        // statistics are those of train alone
        for (int c = 0; c < 3; c++) {
            double[] s = stats(d.train().data(), d.train().size(), d.train().tensorSize(), 3, c);
            assertEquals(s[0], n.mean()[c], 1e-3 * Math.max(1, Math.abs(s[0])));
        }
        double[] trainAndValidation = stats(concat(d.train().data(), validationCopy),
                d.train().size() + d.validation().size(), d.train().tensorSize(), 3, 0);
        assertNotEquals(trainAndValidation[0], n.mean()[0], 1e-9, "validation windows must not enter the fit");
        d.normalize(n);
        for (Subset s : Subset.values()) {
            for (float v : d.set(s).data()) {
                assertTrue(Float.isFinite(v), s + " has a non-finite value");
            }
        }
        double[] x = stats(d.train().data(), d.train().size(), d.train().tensorSize(), 3, 0);
        assertEquals(0, x[0], 1e-4);
        assertEquals(1, x[1], 1e-4);
        double[] z = stats(d.train().data(), d.train().size(), d.train().tensorSize(), 3, 2);
        assertEquals(0, z[0], 1e-6);
        assertEquals(0, z[1], 1e-6);
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void meansAndDeviationsMustPairUp() {
        TriaxException e = assertThrows(TriaxException.class,
                () -> new Normalization(new float[3], new float[2]));
        assertTrue(e.getMessage().contains("3 means for 2 deviations"), e.getMessage());
    }
}
