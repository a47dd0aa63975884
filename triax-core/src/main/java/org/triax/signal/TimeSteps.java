package org.triax.signal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.triax.TriaxException;

/**
 * The steps of a CSV time column and the sampling rate they state: 1 / mean step when the steps
 * are uniform (the mean within 1 % of the median step), else none (noted). A whole column is
 * judged from its array ({@link #rate(Path, String, double[], ReadNotes)}); a streamed one value by
 * value ({@link #add}), keeping the distinct steps with their counts, so that printed time stamps
 * (a handful of distinct rounded steps) take a few kilobytes whatever the length. Both give the
 * exact median, so both give the same rate.
 */
final class TimeSteps {
    static final Pattern MILLISECONDS = Pattern.compile("(?i).*(^|[^a-z])ms([^a-z]|$).*");
    private static final int PENDING = 1 << 16;

    private final int maxDistinct;
    private final double[] pending = new double[PENDING];
    private int pendingSize;
    private double[] values = new double[0];
    private long[] counts = new long[0];
    private long n;
    private double first;
    private double last;
    private boolean overflow;

    /** @param maxDistinct distinct steps kept before giving up ({@link #overflow}) */
    TimeSteps(int maxDistinct) {
        this.maxDistinct = maxDistinct;
    }

    /** The next time stamp of the column. */
    void add(double t) {
        if (n == 0) {
            first = t;
        } else if (!overflow) {
            pending[pendingSize++] = t - last;
            if (pendingSize == PENDING) {
                merge();
            }
        }
        last = t;
        n++;
    }

    /** True when the steps took more than {@code maxDistinct} values: the median is unknown. */
    boolean overflow() {
        merge();
        return overflow;
    }

    /** The rate the streamed column states (NaN when uneven, noted); call only without {@link #overflow}. */
    double rate(Path file, String name, ReadNotes notes) {
        if (overflow()) {
            throw new IllegalStateException("the median step was not kept");
        }
        if (n < 2) {
            return Double.NaN;
        }
        long k = (n - 1) / 2; // steps[steps.length / 2] of the sorted steps
        int i = 0;
        for (long seen = counts[0]; seen <= k; seen += counts[++i]) {
            // walk to the distinct step holding rank k
        }
        return decide(file, name, n, first, last, values[i], notes);
    }

    /** The rate a whole time column states. */
    static double rate(Path file, String name, double[] t, ReadNotes notes) {
        if (t.length < 2) {
            return Double.NaN;
        }
        double[] steps = new double[t.length - 1];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = t[i + 1] - t[i];
        }
        Arrays.sort(steps);
        return decide(file, name, t.length, t[0], t[t.length - 1], steps[steps.length / 2], notes);
    }

    private static double decide(Path file, String name, long n, double first, double last, double median,
                                 ReadNotes notes) {
        if (!(median > 0)) {
            throw new TriaxException(file + ": time column '" + name
                    + "' does not increase (median step " + median + ")");
        }
        // the mean step is exact where printed time stamps round each step (1/48000 s to 6 decimals
        // is 2.1e-5 or 2.0e-5), and it differs from the median when there are gaps or jitter
        double mean = (last - first) / (n - 1);
        if (Math.abs(mean - median) > 0.01 * median) {
            notes.add(file.toString(), "time column '" + name + "' has uneven steps (gaps or jitter), so it "
                    + "states no sampling rate; give --fs if the samples are evenly spaced");
            return Double.NaN;
        }
        double fs = (MILLISECONDS.matcher(name).matches() ? 1000.0 : 1.0) / mean;
        // printed timestamps carry rounding noise: 999.9999 Hz means 1000 Hz (6 decimals over 0.1 s
        // at 48 kHz are off by 2e-6)
        double whole = Math.rint(fs);
        return Math.abs(fs - whole) <= 1e-5 * fs ? whole : fs;
    }

    /** Folds the pending steps into the sorted distinct steps and their counts. */
    private void merge() {
        if (pendingSize == 0 || overflow) {
            pendingSize = 0;
            return;
        }
        Arrays.sort(pending, 0, pendingSize);
        double[] v = new double[values.length + pendingSize];
        long[] c = new long[v.length];
        int a = 0;
        int b = 0;
        int out = 0;
        while (a < values.length || b < pendingSize) {
            double next = b == pendingSize || (a < values.length && Double.compare(values[a], pending[b]) <= 0)
                    ? values[a] : pending[b];
            long count = 0;
            while (a < values.length && Double.compare(values[a], next) == 0) {
                count += counts[a++];
            }
            while (b < pendingSize && Double.compare(pending[b], next) == 0) {
                count++;
                b++;
            }
            v[out] = next;
            c[out++] = count;
        }
        pendingSize = 0;
        values = Arrays.copyOf(v, out);
        counts = Arrays.copyOf(c, out);
        if (out > maxDistinct) {
            overflow = true;
            values = new double[0];
            counts = new long[0];
        }
    }
}
