package org.triax.signal;

import org.jtransforms.fft.DoubleFFT_1D;
import org.triax.TriaxException;

/**
 * Changes a recording's sampling rate the way {@code scipy.signal.resample} does: the spectrum of
 * the whole signal (JTransforms) is cut or zero-padded to the new length and transformed back.
 * That is an ideal low-pass at the lower of the two Nyquist frequencies, so nothing above the new
 * Nyquist folds back (anti-aliasing), and a tone below it keeps its frequency and amplitude.
 */
public final class Resampler {
    private Resampler() {
    }

    /**
     * The recording at {@code rate} Hz: {@code round(n * rate / fs)} samples per channel.
     *
     * @throws TriaxException when the recording's own rate is unknown
     */
    public static Recording resample(Recording r, double rate) {
        if (!r.hasSampleRate()) {
            throw new TriaxException(r.source() + ": sampling rate unknown, so it cannot be resampled to " + rate
                    + " Hz; give its rate with --fs (or fs= in triax.properties)");
        }
        if (Math.abs(r.sampleRate() - rate) <= 1e-9 * rate) {
            return r.withSampleRate(rate);
        }
        int num = length(r.source(), r.length(), r.sampleRate(), rate);
        double[][] out = new double[r.channelCount()][];
        for (int c = 0; c < out.length; c++) {
            out[c] = resample(r.samples()[c], num);
        }
        return new Recording(r.source(), r.channels(), rate, out);
    }

    /** Samples {@code length} samples at {@code fs} Hz become at {@code rate} Hz: {@code round(length * rate / fs)}. */
    public static int length(String source, int length, double fs, double rate) {
        long num = Math.round(length * rate / fs);
        if (num < 1 || num > Integer.MAX_VALUE / 2) {
            throw new TriaxException(source + ": " + length + " samples at " + fs + " Hz cannot be resampled to " + rate
                    + " Hz (" + num + " samples)");
        }
        return (int) num;
    }

    /** {@code x} as {@code num} samples over the same time span ({@code scipy.signal.resample(x, num)}). */
    public static double[] resample(double[] x, int num) {
        int n = x.length;
        if (num == n) {
            return x.clone();
        }
        double[] spectrum = new double[2 * n];
        System.arraycopy(x, 0, spectrum, 0, n);
        new DoubleFFT_1D(n).realForwardFull(spectrum); // interleaved re, im of bins 0..n-1
        // the half spectrum of the output: bins 0..m/2 of the input, m the shorter length
        int m = Math.min(num, n);
        double[] half = new double[2 * (num / 2 + 1)];
        System.arraycopy(spectrum, 0, half, 0, 2 * (m / 2 + 1));
        if (m % 2 == 0) {
            int k = m / 2;
            // bin m/2 stands for +m/2 and -m/2: shrinking folds both into the new Nyquist bin,
            // growing splits the old Nyquist bin between them
            double scale = num < n ? 2 : 0.5;
            half[2 * k] *= scale;
            half[2 * k + 1] *= scale;
        }
        // the full Hermitian spectrum of length num; DC and an even length's Nyquist bin are real
        double[] full = new double[2 * num];
        full[0] = half[0];
        for (int k = 1; 2 * k < num; k++) {
            full[2 * k] = half[2 * k];
            full[2 * k + 1] = half[2 * k + 1];
            full[2 * (num - k)] = half[2 * k];
            full[2 * (num - k) + 1] = -half[2 * k + 1];
        }
        if (num % 2 == 0) {
            full[num] = half[num]; // bin num/2, real part
        }
        new DoubleFFT_1D(num).complexInverse(full, true);
        double gain = (double) num / n;
        double[] y = new double[num];
        for (int i = 0; i < num; i++) {
            y[i] = full[2 * i] * gain;
        }
        return y;
    }
}
