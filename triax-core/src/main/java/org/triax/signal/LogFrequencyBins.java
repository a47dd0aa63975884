package org.triax.signal;

/**
 * Maps the linear FFT bins {@code [first, last]} of a spectrum onto as many log-spaced bins, in the
 * power domain (before dB): bin j is centred at {@code c_j = b0 (last / b0)^(j / (N - 1))} (in units
 * of linear bins, {@code b0 = max(first, 1)}: DC has no place on a log axis) and is the weighted mean
 * of the linear bins k with weight {@code max(0, 1 - |k - c_j| / h_j)}, {@code h_j} the larger of
 * 1 and half the distance between its neighbours' centres. Where log bins are narrower than linear
 * ones (low frequencies) that is linear interpolation at {@code c_j}; where wider, a triangular
 * pool, so no power falls between bins. A tone at f and at a*f lands log(a) / log(r) rows apart
 * whatever f ({@code r} the ratio of neighbouring centres) where rows are at least a linear bin
 * wide; below that (the lowest ~15 of 65 linear bins at the default segment) rows interpolate and
 * add no resolution the STFT does not have.
 */
public final class LogFrequencyBins {
    private final double[] centers;
    private final double[] halfWidths;
    /** Linear bin of each output bin's first weight, and the weights (summing to 1). */
    private final int[] from;
    private final double[][] weights;

    /** {@code [first, last]}: the linear bins kept; needs {@code last >= 2} and at least 2 bins. */
    public LogFrequencyBins(int first, int last) {
        int count = last - first + 1;
        double b0 = Math.max(first, 1);
        if (count < 2 || last <= b0) {
            throw new org.triax.TriaxException("a log frequency axis needs at least 2 nonzero bins, the spectrogram keeps bins "
                    + first + ".." + last + ": use a longer --segment or a wider --fmin/--fmax range");
        }
        double ratio = Math.pow(last / b0, 1.0 / (count - 1));
        centers = new double[count];
        halfWidths = new double[count];
        from = new int[count];
        weights = new double[count][];
        for (int j = 0; j < count; j++) {
            double c = j == count - 1 ? last : b0 * Math.pow(ratio, j);
            double h = Math.max(1, c * (ratio - 1 / ratio) / 2);
            int lo = Math.max(first, (int) Math.floor(c - h) + 1);
            int hi = Math.min(last, (int) Math.ceil(c + h) - 1);
            double[] w = new double[hi - lo + 1];
            double sum = 0;
            for (int k = lo; k <= hi; k++) {
                w[k - lo] = Math.max(0, 1 - Math.abs(k - c) / h);
                sum += w[k - lo];
            }
            for (int i = 0; i < w.length; i++) {
                w[i] /= sum;
            }
            centers[j] = c;
            halfWidths[j] = h;
            from[j] = lo;
            weights[j] = w;
        }
    }

    public int count() {
        return centers.length;
    }

    /** Centre of each log bin, in linear FFT bins. */
    public double[] centers() {
        return centers.clone();
    }

    /** Half-width of each log bin's triangle, in linear FFT bins. */
    public double[] halfWidths() {
        return halfWidths.clone();
    }

    /** Power of log bin {@code j} from the one-sided power of all linear bins {@code psd[0..]}. */
    double power(double[] psd, int j) {
        double[] w = weights[j];
        int k0 = from[j];
        double p = 0;
        for (int i = 0; i < w.length; i++) {
            p += w[i] * psd[k0 + i];
        }
        return p;
    }
}
