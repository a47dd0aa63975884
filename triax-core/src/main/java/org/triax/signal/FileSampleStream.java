package org.triax.signal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.triax.TriaxException;

/**
 * What every streamed file knows once its first pass is done (where it is, its channels, rate and
 * length), and the reading and closing of its second pass, one-line errors included.
 */
abstract class FileSampleStream implements SampleStream {
    protected final Path file;
    private final List<String> channels;
    private final double sampleRate;
    private final long length;

    FileSampleStream(Path file, List<String> channels, double sampleRate, long length) {
        this.file = file;
        this.channels = List.copyOf(channels);
        this.sampleRate = sampleRate;
        this.length = length;
    }

    @Override
    public String source() {
        return file.toString();
    }

    @Override
    public List<String> channels() {
        return channels;
    }

    @Override
    public double sampleRate() {
        return sampleRate;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public final int read(double[][] into, int offset, int max) {
        try {
            return readSamples(into, offset, max);
        } catch (IOException e) {
            throw new TriaxException(file + ": unreadable or truncated file (" + RecordingReaders.reason(e) + ")", e);
        }
    }

    /** {@link #read}, the I/O errors left to it. */
    protected abstract int readSamples(double[][] into, int offset, int max) throws IOException;

    /** The error for a file shorter in its second pass than in its first. */
    protected TriaxException changed(long delivered) {
        return new TriaxException(file + ": changed while it was read (" + (length - delivered) + " of " + length
                + " samples left)");
    }

    /** The open file of the second pass. */
    protected abstract Closeable input();

    @Override
    public final void close() {
        try {
            input().close();
        } catch (IOException ignored) {
            // read-only: nothing is lost
        }
    }
}
