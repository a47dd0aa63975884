package org.triax.signal;

/**
 * {@code 10 log10(p)} for positive powers, about 5x faster than {@link Math#log10}: the exponent
 * comes from the double's bits, log2 of the mantissa from a 1025-entry table with linear
 * interpolation. Error below 1e-6 dB, far under any spectrogram's noise; the dB conversion is a
 * third of the STFT's time with {@code Math.log10}.
 */
final class Decibels {
    private static final int BITS = 10;
    private static final int SHIFT = 52 - BITS;
    private static final double FRACTION_SCALE = 1.0 / (1L << SHIFT);
    private static final double DB_PER_OCTAVE = 10 * Math.log10(2);
    private static final double[] LOG2 = new double[(1 << BITS) + 1];

    static {
        for (int i = 0; i < LOG2.length; i++) {
            LOG2[i] = Math.log1p((double) i / (1 << BITS)) / Math.log(2);
        }
    }

    private Decibels() {
    }

    /** 10 log10(p) for a positive, normal (not subnormal) {@code p}. */
    static double fromPower(double p) {
        long bits = Double.doubleToRawLongBits(p);
        int exponent = (int) (bits >>> 52) - 1023;
        long mantissa = bits & 0xF_FFFF_FFFF_FFFFL;
        int i = (int) (mantissa >>> SHIFT);
        double t = (mantissa & ((1L << SHIFT) - 1)) * FRACTION_SCALE;
        double log2 = exponent + LOG2[i] + t * (LOG2[i + 1] - LOG2[i]);
        return DB_PER_OCTAVE * log2;
    }
}
