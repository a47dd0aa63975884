package org.triax.signal;

/**
 * How to read a recording file.
 *
 * @param sampleRate Hz given by the user or the dataset properties; NaN to take it from the file
 *     (time column, WAV header, HDF5/MAT attribute) or leave it unknown
 * @param variable MAT variable or HDF5 dataset to read: an exact name or a regular expression;
 *     null picks automatically (the single 2-D numeric array, or the longest equal-length vectors)
 */
public record ReadOptions(double sampleRate, String variable) {
    public static final ReadOptions DEFAULT = new ReadOptions(Double.NaN, null);
}
