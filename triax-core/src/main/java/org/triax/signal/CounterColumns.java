package org.triax.signal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.triax.TriaxException;

/**
 * Time stamps, sample counters and constant columns: a column that never decreases or never
 * increases over the whole file (constant included) is not a vibration channel. A real vibration
 * signal crosses its mean again and again; only a very short synthetic one could be monotonic,
 * so columns shorter than {@link #MIN_SAMPLES} are never judged.
 */
final class CounterColumns {
    static final int MIN_SAMPLES = 16;
    private static final String CONSTANT = "is constant";

    private CounterColumns() {
    }

    /** Why {@code x} is not a vibration channel ("constant", "never decreases", ...), or null when it may be one. */
    static String kind(double[] x) {
        Trend t = new Trend();
        for (int i = 0; i < x.length && !(t.up && t.down); i++) {
            t.add(x[i]);
        }
        return x.length < MIN_SAMPLES ? null : t.kind();
    }

    /** A column's direction seen value by value, for a column that is streamed rather than held. */
    static final class Trend {
        private boolean up;
        private boolean down;
        private long n;
        private double last;

        void add(double v) {
            if (n > 0) {
                up |= v > last;
                down |= v < last;
            }
            last = v;
            n++;
        }

        /** As {@link CounterColumns#kind(double[])} of the values added. */
        String kind() {
            if (n < MIN_SAMPLES || (up && down)) {
                return null;
            }
            return up ? "never decreases" : down ? "never increases" : CONSTANT;
        }
    }

    /**
     * Names for columns the file does not name: the vibration columns are X, Y, Z (three) or
     * ch0, ch1, ... by their own count, so a leading time column does not shift them; a time stamp
     * or counter column is {@code col<i>}, {@code i} its 0-based position in the file. A constant
     * column keeps its place among the vibration columns (a dead sensor in one file must not rename
     * the others) and is left out later by its name.
     */
    static List<String> names(double[][] columns) {
        return names(Arrays.stream(columns).map(CounterColumns::kind).toList());
    }

    /** {@link #names(double[][])} from each column's {@link #kind} (null: may be vibration). */
    static List<String> names(List<String> kinds) {
        boolean[] counts = new boolean[kinds.size()];
        for (int c = 0; c < counts.length; c++) {
            String kind = kinds.get(c);
            counts[c] = kind != null && !kind.equals(CONSTANT);
        }
        int data = (int) IntStream.range(0, counts.length).filter(c -> !counts[c]).count();
        List<String> dataNames = RecordingReaders.defaultChannelNames(data);
        List<String> out = new ArrayList<>();
        int next = 0;
        for (int c = 0; c < counts.length; c++) {
            out.add(counts[c] ? "col" + c : dataNames.get(next++));
        }
        return out;
    }

    /**
     * The recording without its counter channels, each one noted; channels named in
     * {@link ReadOptions#keep()} stay.
     *
     * @throws TriaxException when no channel would be left
     */
    static Recording drop(Recording r, ReadOptions options) {
        List<String> kinds = Arrays.stream(r.samples()).map(CounterColumns::kind).toList();
        int[] kept = kept(r.source(), r.channels(), kinds, options);
        if (kept.length == r.channelCount()) {
            return r;
        }
        return new Recording(r.source(), Arrays.stream(kept).mapToObj(r.channels()::get).toList(), r.sampleRate(),
                Arrays.stream(kept).mapToObj(c -> r.samples()[c]).toArray(double[][]::new));
    }

    /**
     * The channels to keep of {@code names} whose {@link #kind}s are {@code kinds}: the vibration
     * ones and those named in {@link ReadOptions#keep()}; each one left out is noted.
     *
     * @throws TriaxException when no channel would be left
     */
    static int[] kept(String source, List<String> names, List<String> kinds, ReadOptions options) {
        List<Integer> kept = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            String name = names.get(c);
            String kind = options.keeps(name) ? null : kinds.get(c);
            if (kind == null) {
                kept.add(c);
            } else {
                dropped.add("'" + name + "' " + kind);
            }
        }
        if (kept.isEmpty()) {
            throw new TriaxException(source + ": no vibration channel: every column is a time stamp, counter "
                    + "or constant (" + String.join(", ", dropped) + "); to use one anyway, name it with --channels");
        }
        for (String d : dropped) {
            options.notes().add(source, "channel " + d + ": a time stamp, counter or constant, not a vibration "
                    + "channel; left out (name it in --channels to keep it)");
        }
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }
}
