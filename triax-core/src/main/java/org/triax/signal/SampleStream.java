package org.triax.signal;

import java.util.List;

/**
 * A recording read block by block instead of whole, for recordings too long to hold: its channels,
 * rate and length are known when it opens (the file has been read once to find the time stamp and
 * counter columns and the rate, exactly as {@link RecordingReaders#read} does), and its samples
 * then come in order. Holds an open file: close it.
 */
public interface SampleStream extends AutoCloseable {

    /** Where it comes from (the file path), used in messages, as {@link Recording#source()}. */
    String source();

    /** Channel names, in the order {@link #read} fills them. */
    List<String> channels();

    /** Hz, NaN when unknown. */
    double sampleRate();

    /** Samples per channel. */
    long length();

    /**
     * Reads the next samples of every channel into {@code into[c][offset, offset + max)}.
     *
     * @return how many were read (fewer than {@code max} only at the end; 0 after it)
     * @throws org.triax.TriaxException when the file cannot be read or has changed since it opened
     */
    int read(double[][] into, int offset, int max);

    @Override
    void close();
}
