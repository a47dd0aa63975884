package org.triax.signal;

import java.util.List;

/**
 * How to read a recording file.
 *
 * @param sampleRate Hz given by the user or the dataset properties, for files that do not state
 *     one; NaN to take it from the file (time column, WAV header, HDF5/MAT attribute or variable)
 *     or leave it unknown. A file that states another rate is an error, never silently relabelled.
 * @param variable MAT variable (a struct field by dotted path, {@code bearing.gs}) or HDF5 dataset
 *     to read: an exact name or a regular expression; null picks automatically
 * @param keep channels asked for by name (--channels, the model's channels): kept even when they
 *     look like a time stamp or counter
 * @param notes where readers report what they dropped or did not use
 */
public record ReadOptions(double sampleRate, String variable, List<String> keep, ReadNotes notes) {
    public static final ReadOptions DEFAULT = new ReadOptions(Double.NaN, null);

    public ReadOptions {
        keep = List.copyOf(keep);
    }

    /** Nothing kept by name, notes discarded. */
    public ReadOptions(double sampleRate, String variable) {
        this(sampleRate, variable, List.of(), ReadNotes.DISCARD);
    }

    /** True when {@code channel} was asked for by name (case-insensitive, as selecting is). */
    public boolean keeps(String channel) {
        return keep.stream().anyMatch(channel::equalsIgnoreCase);
    }
}
