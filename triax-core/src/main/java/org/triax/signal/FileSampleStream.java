package org.triax.signal;

import java.nio.file.Path;
import java.util.List;

/** What every streamed file knows once its first pass is done: where it is, its channels, rate and length. */
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
}
