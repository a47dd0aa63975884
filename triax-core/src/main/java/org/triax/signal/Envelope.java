package org.triax.signal;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Hilbert envelope of one band of a window: the magnitude of the analytic signal of the window
 * band-passed to {@code [first, last]} (bins of the window's own FFT), mean removed. The window is
 * first extended by its mirror image to 2n samples, so that the FFT, which is circular, sees no
 * jump where the window's end meets its start: a jump is broadband and would put a spike into
 * the envelope at both edges of every window (whatever the band). Then one FFT of 2n points, bins
 * outside the band (bins {@code 2 first .. 2 last} of that FFT, the same frequencies) and all
 * negative frequencies set to zero, the band doubled (the Nyquist bin kept once, as
 * {@code scipy.signal.hilbert} does), one inverse FFT, the magnitude of its first n samples.
 * Safe to share between threads: every call uses its own buffer.
 */
public final class Envelope {
    private final int n;
    /** The band in bins of the 2n-point FFT of the mirrored window. */
    private final int first;
    private final int last;
    private final DoubleFFT_1D fft;

    /** Envelope of windows of {@code n} samples, band {@code [first, last]} (bins of an n-point FFT, 1 <= first <= last <= n/2). */
    public Envelope(int n, int first, int last) {
        if (first < 1 || last > n / 2 || first > last) {
            throw new IllegalArgumentException("band bins " + first + ".." + last + " outside 1.." + n / 2);
        }
        this.n = n;
        this.first = 2 * first;
        this.last = 2 * last;
        this.fft = new DoubleFFT_1D(2 * n);
    }

    /** Writes the envelope of {@code x[from, from + n)} into {@code out[0, n)}. */
    public void apply(double[] x, int from, double[] out) {
        int m = 2 * n;
        double[] z = new double[2 * m];
        for (int i = 0; i < n; i++) {
            z[i] = x[from + i];
            z[m - 1 - i] = x[from + i];
        }
        fft.realForwardFull(z); // interleaved re, im of bins 0..m-1
        for (int k = 0; k < m; k++) {
            double gain = k < first || k > last ? 0 : 2 * k == m ? 1 : 2;
            z[2 * k] *= gain;
            z[2 * k + 1] *= gain;
        }
        fft.complexInverse(z, true);
        double mean = 0;
        for (int i = 0; i < n; i++) {
            out[i] = Math.hypot(z[2 * i], z[2 * i + 1]);
            mean += out[i];
        }
        mean /= n;
        for (int i = 0; i < n; i++) {
            out[i] -= mean;
        }
    }
}
