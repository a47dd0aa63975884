package org.triax.signal;

/** Taper applied to each STFT segment (periodic form, as scipy.signal.get_window uses for spectra). */
public enum WindowFunction {
    HANN, HAMMING, BLACKMAN, RECTANGULAR;

    /** Coefficients of length {@code n}. */
    public double[] coefficients(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double x = 2 * Math.PI * i / n;
            w[i] = switch (this) {
                case HANN -> 0.5 - 0.5 * Math.cos(x);
                case HAMMING -> 0.54 - 0.46 * Math.cos(x);
                case BLACKMAN -> 0.42 - 0.5 * Math.cos(x) + 0.08 * Math.cos(2 * x);
                case RECTANGULAR -> 1.0;
            };
        }
        return w;
    }
}
