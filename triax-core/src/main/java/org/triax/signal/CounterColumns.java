package org.triax.signal;

import java.util.ArrayList;
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
        if (x.length < MIN_SAMPLES) {
            return null;
        }
        boolean up = false;
        boolean down = false;
        for (int i = 1; i < x.length && !(up && down); i++) {
            up |= x[i] > x[i - 1];
            down |= x[i] < x[i - 1];
        }
        if (up && down) {
            return null;
        }
        return up ? "never decreases" : down ? "never increases" : CONSTANT;
    }

    /**
     * Names for columns the file does not name: the vibration columns are X, Y, Z (three) or
     * ch0, ch1, ... by their own count, so a leading time column does not shift them; a time stamp
     * or counter column is {@code col<i>}, {@code i} its 0-based position in the file. A constant
     * column keeps its place among the vibration columns (a dead sensor in one file must not rename
     * the others) and is left out later by its name.
     */
    static List<String> names(double[][] columns) {
        boolean[] counts = new boolean[columns.length];
        for (int c = 0; c < columns.length; c++) {
            String kind = kind(columns[c]);
            counts[c] = kind != null && !kind.equals(CONSTANT);
        }
        int data = (int) IntStream.range(0, columns.length).filter(c -> !counts[c]).count();
        List<String> dataNames = RecordingReaders.defaultChannelNames(data);
        List<String> out = new ArrayList<>();
        int next = 0;
        for (int c = 0; c < columns.length; c++) {
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
        List<String> names = new ArrayList<>();
        List<double[]> kept = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (int c = 0; c < r.channelCount(); c++) {
            String name = r.channels().get(c);
            String kind = options.keeps(name) ? null : kind(r.samples()[c]);
            if (kind == null) {
                names.add(name);
                kept.add(r.samples()[c]);
            } else {
                dropped.add("'" + name + "' " + kind);
            }
        }
        if (kept.isEmpty()) {
            throw new TriaxException(r.source() + ": no vibration channel: every column is a time stamp, counter "
                    + "or constant (" + String.join(", ", dropped) + "); to use one anyway, name it with --channels");
        }
        for (String d : dropped) {
            options.notes().add(r.source(), "channel " + d + ": a time stamp, counter or constant, not a vibration "
                    + "channel; left out (name it in --channels to keep it)");
        }
        return dropped.isEmpty() ? r : new Recording(r.source(), names, r.sampleRate(), kept.toArray(double[][]::new));
    }
}
