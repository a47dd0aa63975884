package org.triax.signal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The condition indicators of a window as one feature vector for distance-based detectors (the
 * health monitor's classical detector, a classifier's unknown-state check): per channel ln RMS,
 * ln peak and ln kurtosis, so that a doubling counts the same at any level; the crest factor as is
 * (its log would repeat ln peak - ln RMS); band energies in dB, already logarithmic.
 */
public final class IndicatorFeatures {
    private final ConditionIndicators indicators;
    private final List<String> channels;

    public IndicatorFeatures(Preprocessing pre, int bands) {
        this.indicators = new ConditionIndicators(pre, bands);
        this.channels = pre.channels();
    }

    public ConditionIndicators indicators() {
        return indicators;
    }

    /** Entries of the vector. */
    public int size() {
        return channels.size() * indicators.perChannel();
    }

    /** Names of the vector's entries, channel by channel, e.g. {@code X.rms}, {@code Y.band3_dB}. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (String ch : channels) {
            indicators.names().forEach(n -> names.add(ch + "." + n));
        }
        return names;
    }

    /** The vectors of the windows at {@code starts} of a conformed recording (in parallel: the indicators cost). */
    public double[][] vectors(Recording r, int[] starts) {
        double[][] out = new double[starts.length][];
        IntStream idx = IntStream.range(0, starts.length);
        (starts.length > 1 ? idx.parallel() : idx).forEach(i -> out[i] = vector(r, starts[i]));
        return out;
    }

    public double[] vector(Recording r, int start) {
        double[] v = indicators.window(r, start);
        for (int c = 0; c < r.channelCount(); c++) {
            int o = c * indicators.perChannel();
            v[o] = ln(v[o]); // RMS
            v[o + 1] = ln(v[o + 1]); // peak
            v[o + 3] = ln(v[o + 3]); // kurtosis; v[o + 2], the crest factor, stays linear
        }
        return v;
    }

    /** ln with a floor for silent windows (1e-12: far below any sensor's noise in any unit). */
    private static double ln(double x) {
        return Math.log(Math.max(x, 1e-12));
    }
}
