package org.triax.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.triax.TriaxException;
import org.triax.signal.Preprocessing;
import org.triax.signal.Recording;
import org.triax.signal.StftConfig;
import org.triax.signal.WindowFunction;
import org.triax.signal.WindowSpec;
import org.triax.testing.TinyData;
import org.triax.testing.TinyData.Layout;

/**
 * Augmented training windows: each perturbation does what it says, deterministically for a seed,
 * inside its own block, and never touches validation or test.
 */
class AugmenterTest {
    @TempDir
    static Path shared;

    static LoadedRecordings read;
    static PreparedDataset ds;
    static Normalization norm;
    static float[] validationBefore;
    static float[] testBefore;

    @BeforeAll
    static void prepare() {
        Path data = TinyData.dataset(shared.resolve("data"), 3, 1, Layout.HEADER_WITH_TIME, 5); // one recording per class
        DataOptions o = new DataOptions(data, List.of(), Double.NaN, null, new WindowSpec(256, 128),
                new StftConfig(32, 16, WindowFunction.HANN, -120, 0, Double.POSITIVE_INFINITY), SplitProtocol.TIME_BLOCKS,
                SplitFractions.DEFAULT, 3);
        read = DatasetLoader.read(o);
        ds = DatasetLoader.prepare(read, DatasetLoader.plan(read, o));
        norm = Normalization.fit(ds.train(), ds.preprocessing().channelCount());
        ds.normalize(norm);
        validationBefore = ds.validation().data().clone();
        testBefore = ds.test().data().clone();
    }

    private static Augmenter augmenter(Set<Augmentation.Kind> kinds, long seed) {
        return (Augmenter) Augmenter.of(Augmentation.of(kinds), seed, read.recordings(), ds, norm);
    }

    private static float[] epoch(Set<Augmentation.Kind> kinds, long seed, int epoch) {
        return augmenter(kinds, seed).epoch(epoch).data().clone();
    }

    @Test
    void noAugmentationTrainsOnThePreparedSetEveryEpoch() {
        TrainingWindows w = Augmenter.of(Augmentation.NONE, 1, read.recordings(), ds, norm);
        assertSame(ds.train(), w.epoch(1));
        assertSame(ds.train(), w.epoch(7));
    }

    @Test
    void theSameSeedAndEpochGiveTheSameWindowsAnotherEpochOrSeedOthers() {
        Set<Augmentation.Kind> all = EnumSet.allOf(Augmentation.Kind.class);
        float[] a = epoch(all, 5, 1);
        assertArrayEquals(a, epoch(all, 5, 1), "reproducible");
        assertFalse(Arrays.equals(a, epoch(all, 5, 2)), "redrawn every epoch");
        assertFalse(Arrays.equals(a, epoch(all, 6, 1)), "another seed, other draws");
        SpectrogramSet s = augmenter(all, 5).epoch(1);
        assertArrayEquals(ds.train().labels(), s.labels(), "labels and order never change");
        assertArrayEquals(ds.train().recordings(), s.recordings());
        assertArrayEquals(ds.train().starts(), s.starts());
    }

    @ParameterizedTest
    @EnumSource(Augmentation.Kind.class)
    void eachKindChangesTheTrainingWindowsAndNeverValidationOrTest(Augmentation.Kind kind) {
        float[] augmented = epoch(Set.of(kind), 9, 1);
        assertEquals(ds.train().data().length, augmented.length);
        assertFalse(Arrays.equals(ds.train().data(), augmented), kind + " changes the training input");
        assertArrayEquals(validationBefore, ds.validation().data(), "validation untouched");
        assertArrayEquals(testBefore, ds.test().data(), "test untouched");
    }

    @Test
    void gainIsOneDecibelOffsetPerWindowWithinSixDb() {
        float[] augmented = epoch(Set.of(Augmentation.Kind.GAIN), 11, 1);
        int size = ds.train().tensorSize();
        int channels = ds.preprocessing().channelCount();
        int perChannel = size / channels;
        double[] gains = new double[ds.train().size()];
        int checked = 0;
        for (int w = 0; w < gains.length; w++) {
            // normalised values: (db + g - mean) / std - (db - mean) / std = g / std, the same g on every channel,
            // except where the dB floor clips (the DC bin of a detrended segment): that stays at the floor
            gains[w] = Double.NaN;
            for (int c = 0; c < channels; c++) {
                float floor = (float) ((ds.preprocessing().stft().dbFloor() - norm.mean()[c]) / norm.std()[c]);
                for (int i = 0; i < perChannel; i++) {
                    int at = w * size + c * perChannel + i;
                    if (Math.abs(augmented[at] - floor) < 1e-4 || Math.abs(ds.train().data()[at] - floor) < 1e-4) {
                        continue;
                    }
                    double g = (augmented[at] - ds.train().data()[at]) * norm.std()[c];
                    gains[w] = Double.isNaN(gains[w]) ? g : gains[w];
                    assertEquals(gains[w], g, 2e-3, "window " + w + " channel " + c);
                    checked++;
                }
            }
            assertTrue(Math.abs(gains[w]) <= Augmentation.GAIN_DB + 1e-3, "gain " + gains[w] + " dB");
        }
        assertTrue(checked > 0.9 * augmented.length, checked + " values of " + augmented.length);
        assertTrue(Arrays.stream(gains).distinct().count() > gains.length / 2, "a gain per window");
    }

    @Test
    void aShiftedWindowIsARealWindowOfItsOwnTrainingBlockWithinOneHop() {
        Augmenter a = augmenter(Set.of(Augmentation.Kind.SHIFT), 13);
        SpectrogramSet.Layout layout = SpectrogramSet.Layout.of(ds.plan().blocks(Subset.TRAIN), ds.preprocessing().extractor());
        int length = ds.preprocessing().window().length();
        int hop = ds.preprocessing().window().hop();
        int moved = 0;
        for (int i = 0; i < layout.size(); i++) {
            double[][] out = new double[ds.preprocessing().channelCount()][length];
            a.draw(i, 1, out);
            SplitPlan.Block b = ds.plan().blocks(Subset.TRAIN).get(layout.blocks()[i]);
            assertEquals(Subset.TRAIN, b.subset());
            double[][] x = read.recordings().get(b.recording()).samples();
            int found = -1;
            for (int s = layout.starts()[i] - hop; s <= layout.starts()[i] + hop && found < 0; s++) {
                if (s >= b.from() && s + length <= b.to() && sameSamples(x, s, out)) {
                    found = s;
                }
            }
            assertTrue(found >= 0, "window " + i + " is the recording's samples from a start within one hop, inside "
                    + "its training block [" + b.from() + ", " + b.to() + ")");
            moved += found != layout.starts()[i] ? 1 : 0;
        }
        assertTrue(moved > layout.size() / 2, moved + " of " + layout.size() + " windows moved");
    }

    private static boolean sameSamples(double[][] x, int start, double[][] window) {
        for (int c = 0; c < window.length; c++) {
            for (int j = 0; j < window[c].length; j++) {
                if (x[c][start + j] != window[c][j]) {
                    return false;
                }
            }
        }
        return true;
    }

    /** One recording of a pure tone, all of it one training block, identity normalisation. */
    private static Augmenter onTone(double hz, Set<Augmentation.Kind> kinds) {
        double fs = 1000;
        double[] x = new double[8192];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.sin(2 * Math.PI * hz * i / fs);
        }
        Preprocessing pre = new Preprocessing(List.of("X"), fs, new WindowSpec(1024, 512),
                new StftConfig(128, 64, WindowFunction.HANN, -120, 0, Double.POSITIVE_INFINITY));
        return new Augmenter(Augmentation.of(kinds), 17, List.of(new Recording("tone", List.of("X"), fs, new double[][] {x})),
                List.of(new SplitPlan.Block(0, 0, Subset.TRAIN, 0, x.length)), pre.extractor(),
                new Normalization(new float[] {0}, new float[] {1}));
    }

    @Test
    void aStretchMovesTheFrequencyByAtMostFivePercent() {
        double hz = 100;
        Augmenter a = onTone(hz, Set.of(Augmentation.Kind.STRETCH));
        double[] seen = new double[14];
        for (int i = 0; i < seen.length; i++) {
            double[][] out = new double[1][1024];
            a.draw(i, 1, out);
            seen[i] = frequency(out[0], 1000);
            assertTrue(seen[i] >= 0.95 * hz - 0.2 && seen[i] <= 1.05 * hz + 0.2, "window " + i + ": " + seen[i] + " Hz");
        }
        assertTrue(Arrays.stream(seen).max().orElseThrow() - Arrays.stream(seen).min().orElseThrow() > 2,
                "stretches differ: " + Arrays.toString(seen));
    }

    /** Frequency of a sine from its zero crossings (first to last upward crossing, interpolated). */
    private static double frequency(double[] x, double fs) {
        double first = -1;
        double last = -1;
        int cycles = -1;
        for (int i = 1; i < x.length; i++) {
            if (x[i - 1] < 0 && x[i] >= 0) {
                double at = i - 1 + x[i - 1] / (x[i - 1] - x[i]);
                first = first < 0 ? at : first;
                last = at;
                cycles++;
            }
        }
        return cycles * fs / (last - first);
    }

    @Test
    void noiseComesAtAnSnrBetween20And40Db() {
        Augmenter a = onTone(50, Set.of(Augmentation.Kind.NOISE));
        double lowest = Double.POSITIVE_INFINITY;
        double highest = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < 14; i++) {
            double[][] out = new double[1][1024];
            a.draw(i, 2, out);
            double signal = 0;
            double noise = 0;
            for (int j = 0; j < 1024; j++) {
                double clean = Math.sin(2 * Math.PI * 50 * (i * 512 + j) / 1000.0);
                signal += clean * clean;
                noise += (out[0][j] - clean) * (out[0][j] - clean);
            }
            double snr = 10 * Math.log10(signal / noise);
            lowest = Math.min(lowest, snr);
            highest = Math.max(highest, snr);
        }
        assertTrue(lowest > 19 && highest < 41, "SNR " + lowest + " .. " + highest + " dB");
        assertTrue(highest - lowest > 5, "a random SNR per window");
    }

    @Test
    void augmentationNamesParseAndUnknownOnesAreOneLineErrors() {
        assertEquals(List.of(Augmentation.Kind.GAIN, Augmentation.Kind.STRETCH),
                Augmentation.parse("stretch, gain").kinds(), "one order whatever the option's");
        assertTrue(Augmentation.parse("none").isNone());
        assertTrue(Augmentation.parse(null).isNone());
        assertEquals(Augmentation.parse("gain,shift,noise,stretch"), Augmentation.of(EnumSet.allOf(Augmentation.Kind.class)));
        TriaxException e = assertThrows(TriaxException.class, () -> Augmentation.parse("gain,mixup"));
        assertEquals("unknown --augment 'mixup' (any of gain, shift, noise, stretch, comma-separated, or none)",
                e.getMessage());
        assertNotEquals(Augmentation.NONE, Augmentation.parse("noise"));
    }
}
