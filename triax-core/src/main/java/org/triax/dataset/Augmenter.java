package org.triax.dataset;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.triax.signal.Recording;
import org.triax.signal.SpectrogramExtractor;

/**
 * Training windows redrawn from the raw samples at every epoch with the perturbations of an
 * {@link Augmentation}, then transformed and normalised exactly as the un-augmented ones (the
 * statistics stay those fitted on the un-augmented training windows). Re-extracting costs about
 * as much as preparing the training set once, in parallel, per epoch, and keeps every perturbation
 * exact (gain under the dB floor, noise through the envelope, a stretch of the samples). Each
 * window's draws come from a generator seeded by (run seed, epoch, window), so a run is
 * reproducible whatever the thread count. Only the training blocks are read: a shifted or
 * stretched window never leaves its own block, so nothing reaches validation or test.
 */
public final class Augmenter implements TrainingWindows {
    private final Augmentation augmentation;
    private final long seed;
    private final List<Recording> recordings;
    private final List<SplitPlan.Block> blocks;
    private final SpectrogramExtractor extractor;
    private final Normalization normalization;
    private final SpectrogramSet.Layout layout;
    /** Reused every epoch: an epoch's set is valid until the next call. */
    private final float[] data;

    Augmenter(Augmentation augmentation, long seed, List<Recording> recordings, List<SplitPlan.Block> trainBlocks,
              SpectrogramExtractor extractor, Normalization normalization) {
        this.augmentation = augmentation;
        this.seed = seed;
        this.recordings = List.copyOf(recordings);
        this.blocks = List.copyOf(trainBlocks);
        this.extractor = extractor;
        this.normalization = normalization;
        this.layout = SpectrogramSet.Layout.of(blocks, extractor);
        this.data = new float[Math.multiplyExact(layout.size(), extractor.preprocessing().tensorSize())];
    }

    /**
     * The training windows of a run: {@code ds}'s prepared (normalised) training set every epoch
     * without augmentation, else an augmenter over its training blocks.
     *
     * @param recordings the recordings {@code ds} was prepared from, in index order
     */
    public static TrainingWindows of(Augmentation augmentation, long seed, List<Recording> recordings,
                                     PreparedDataset ds, Normalization normalization) {
        if (augmentation.isNone()) {
            return TrainingWindows.fixed(ds.train());
        }
        Augmenter a = new Augmenter(augmentation, seed, recordings, ds.plan().blocks(Subset.TRAIN),
                ds.preprocessing().extractor(), normalization);
        if (a.layout.size() != ds.train().size()) {
            throw new IllegalStateException(a.layout.size() + " augmented windows for " + ds.train().size() + " training windows");
        }
        return a;
    }

    @Override
    public SpectrogramSet epoch(int epoch) {
        int size = extractor.preprocessing().tensorSize();
        int channels = extractor.preprocessing().channelCount();
        int length = extractor.preprocessing().window().length();
        IntStream.range(0, layout.size()).parallel().forEach(i -> {
            double[][] w = new double[channels][length];
            draw(i, epoch, w);
            extractor.window(w, 0, data, i * size);
        });
        normalization.apply(data, layout.size(), size);
        return new SpectrogramSet(data, size, layout.labels(), layout.recordings(), layout.starts());
    }

    /** The samples of training window {@code i} in epoch {@code epoch}, perturbed, into {@code out[channel]}. */
    void draw(int i, int epoch, double[][] out) {
        SplittableRandom rnd = new SplittableRandom(mix(seed, epoch, i));
        // drawn whatever is enabled, so that a kind's draws do not depend on which others are on
        double uShift = rnd.nextDouble();
        double uStretch = rnd.nextDouble();
        double uGain = rnd.nextDouble();
        Augmentation a = augmentation;
        SplitPlan.Block b = blocks.get(layout.blocks()[i]);
        double[][] x = recordings.get(b.recording()).samples();
        int n = out[0].length;
        int room = b.to() - b.from();
        double factor = a.has(Augmentation.Kind.STRETCH) ? 1 + a.stretch() * (2 * uStretch - 1) : 1;
        factor = Math.min(factor, (room - 1) / (double) (n - 1)); // the stretched window must fit in its block
        int span = (int) Math.ceil((n - 1) * factor - 1e-9) + 1; // samples read, within the block
        int reach = (int) Math.round(a.shiftHops() * extractor.preprocessing().window().hop());
        int offset = a.has(Augmentation.Kind.SHIFT) ? (int) Math.floor(-reach + uShift * (2 * reach + 1)) : 0;
        int start = Math.max(b.from(), Math.min(b.to() - span, layout.starts()[i] + offset));
        double gain = a.has(Augmentation.Kind.GAIN) ? Math.pow(10, a.gainDb() * (2 * uGain - 1) / 20) : 1;
        for (int c = 0; c < out.length; c++) {
            resample(x[c], start, span, factor, gain, out[c]);
        }
        if (a.has(Augmentation.Kind.NOISE)) {
            for (double[] dst : out) {
                double snr = a.snrMinDb() + rnd.nextDouble() * (a.snrMaxDb() - a.snrMinDb());
                double sigma = Math.sqrt(variance(dst) / Math.pow(10, snr / 10));
                for (int j = 0; j < n; j++) {
                    dst[j] += sigma * rnd.nextGaussian();
                }
            }
        }
    }

    /**
     * {@code dst[j] = gain * src(start + j * factor)}, linearly interpolated, reading no further than
     * {@code start + span - 1}.
     */
    private static void resample(double[] src, int start, int span, double factor, double gain, double[] dst) {
        for (int j = 0; j < dst.length; j++) {
            double pos = j * factor;
            int k = Math.min((int) pos, span - 1);
            double t = pos - k;
            double here = src[start + k];
            double v = t <= 0 ? here : here + t * (src[start + Math.min(k + 1, span - 1)] - here);
            dst[j] = gain * v;
        }
    }

    private static double variance(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return s / x.length;
    }

    /** A well-mixed generator seed for one window of one epoch (SplitMix64's finaliser). */
    static long mix(long seed, int epoch, int window) {
        long z = seed * 0x9E3779B97F4A7C15L + epoch * 0xC2B2AE3D27D4EB4FL + window;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
