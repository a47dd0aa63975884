package org.triax.dataset;

import org.triax.TriaxException;

/**
 * Per-channel standardisation of dB spectrograms, fitted on the training set only (so no
 * statistic of validation or test data reaches the model) and saved with it.
 */
public record Normalization(float[] mean, float[] std) {

    public Normalization {
        if (mean.length != std.length) {
            throw new TriaxException("normalisation has " + mean.length + " means for " + std.length + " deviations");
        }
    }

    /** Mean and standard deviation of each channel over all windows of {@code set}. */
    public static Normalization fit(SpectrogramSet set, int channels) {
        Fit fit = new Fit(channels, set.tensorSize());
        fit.add(set.data(), set.size());
        return fit.result();
    }

    /**
     * The statistics of windows added a few at a time (a cache entry prepared one recording at a
     * time): the same sums in the same order as over the whole set, so the same bits.
     */
    public static final class Fit {
        private final int channels;
        private final int tensorSize;
        private final double[] sum;
        private final double[] sq;
        private long windows;

        public Fit(int channels, int tensorSize) {
            this.channels = channels;
            this.tensorSize = tensorSize;
            this.sum = new double[channels];
            this.sq = new double[channels];
        }

        /** Adds the first {@code count} windows of {@code data}, in order. */
        public void add(float[] data, int count) {
            int perChannel = tensorSize / channels;
            for (int w = 0; w < count; w++) {
                for (int c = 0; c < channels; c++) {
                    int o = w * tensorSize + c * perChannel;
                    for (int i = 0; i < perChannel; i++) {
                        double v = data[o + i];
                        sum[c] += v;
                        sq[c] += v * v;
                    }
                }
            }
            windows += count;
        }

        public Normalization result() {
            float[] mean = new float[channels];
            float[] std = new float[channels];
            double n = (double) windows * (tensorSize / channels);
            for (int c = 0; c < channels; c++) {
                double m = sum[c] / n;
                mean[c] = (float) m;
                // a constant channel would divide by zero: keep it at scale 1
                std[c] = (float) Math.max(Math.sqrt(Math.max(sq[c] / n - m * m, 0)), 1e-6);
            }
            return new Normalization(mean, std);
        }
    }

    /** Standardises {@code count} tensors of {@code tensorSize} floats in place. */
    public void apply(float[] data, int count, int tensorSize) {
        int channels = mean.length;
        int perChannel = tensorSize / channels;
        for (int w = 0; w < count; w++) {
            for (int c = 0; c < channels; c++) {
                int o = w * tensorSize + c * perChannel;
                float m = mean[c];
                float inv = 1f / std[c];
                for (int i = 0; i < perChannel; i++) {
                    data[o + i] = (data[o + i] - m) * inv;
                }
            }
        }
    }
}
