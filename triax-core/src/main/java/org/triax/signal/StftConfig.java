package org.triax.signal;

import org.triax.TriaxException;

/**
 * Short-time Fourier transform parameters. Power is the one-sided power spectral density
 * (scipy's {@code scaling='density'}, each segment's mean removed), shown in dB and clipped below
 * at {@code dbFloor}. Only bins with {@code fmin <= f <= fmax} are kept (Hz; needs a sampling
 * rate unless left at 0 and +Inf).
 *
 * @param segment samples per FFT segment (even)
 * @param overlap samples shared by consecutive segments ({@code 0 <= overlap < segment})
 */
public record StftConfig(int segment, int overlap, WindowFunction window, double dbFloor,
                         double fmin, double fmax) {

    public static final StftConfig DEFAULT =
            new StftConfig(128, 112, WindowFunction.HANN, -120, 0, Double.POSITIVE_INFINITY);

    public StftConfig {
        if (segment < 8 || segment % 2 != 0) {
            throw new TriaxException("STFT segment must be an even number >= 8, got " + segment);
        }
        if (overlap < 0 || overlap >= segment) {
            throw new TriaxException("STFT overlap must be in [0, segment=" + segment + "), got " + overlap);
        }
        if (window == null) {
            throw new TriaxException("STFT window function missing");
        }
        if (!(fmin >= 0) || !(fmax > fmin)) {
            throw new TriaxException("frequency range must satisfy 0 <= fmin < fmax, got fmin=" + fmin
                    + " fmax=" + fmax);
        }
        if (Double.isNaN(dbFloor)) {
            throw new TriaxException("dB floor must be a number");
        }
    }

    public int step() {
        return segment - overlap;
    }

    /** Frames (time columns) in a window of {@code samples}; 0 when shorter than one segment. */
    public int frames(int samples) {
        return samples < segment ? 0 : (samples - segment) / step() + 1;
    }

    /** First kept FFT bin for this sampling rate (NaN = unknown: all bins). */
    public int firstBin(double fs) {
        if (Double.isNaN(fs)) {
            return 0;
        }
        return (int) Math.ceil(fmin * segment / fs - 1e-9);
    }

    /** Last kept FFT bin (inclusive). */
    public int lastBin(double fs) {
        int nyquist = segment / 2;
        if (Double.isNaN(fs) || Double.isInfinite(fmax)) {
            return nyquist;
        }
        return Math.min(nyquist, (int) Math.floor(fmax * segment / fs + 1e-9));
    }

    /** Checks that a frequency range can be applied at sampling rate {@code fs}. */
    public void checkRange(double fs) {
        boolean ranged = fmin > 0 || !Double.isInfinite(fmax);
        if (ranged && Double.isNaN(fs)) {
            throw new TriaxException("--fmin/--fmax need a sampling rate: give --fs or fs= in triax.properties");
        }
        if (!Double.isNaN(fs) && lastBin(fs) - firstBin(fs) < 1) {
            throw new TriaxException("frequency range " + fmin + ".." + fmax + " Hz keeps fewer than 2 bins at fs="
                    + fs + " Hz and segment " + segment);
        }
    }
}
