package org.triax.signal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;

/**
 * A WAV file as a {@link SampleStream}: a first pass decodes every frame to check the samples
 * (finite, the declared length) and find counter and constant channels ({@link CounterColumns}),
 * a second pass delivers the kept channels block by block.
 */
final class WavStream extends FileSampleStream {
    private static final int BLOCK_FRAMES = 1 << 14;

    private final int[] kept;
    private final AudioInputStream in;
    private final double[][] block;
    private final byte[] bytes;
    private long delivered;

    private WavStream(Path file, List<String> channels, int[] kept, double sampleRate, long length) throws IOException {
        super(file, channels, sampleRate, length);
        this.kept = kept;
        this.in = WavReader.open(RecordingInput.of(file));
        this.block = new double[in.getFormat().getChannels()][BLOCK_FRAMES];
        this.bytes = new byte[BLOCK_FRAMES * in.getFormat().getFrameSize()];
    }

    static WavStream open(Path file, ReadOptions options) throws IOException {
        List<String> names;
        CounterColumns.Trend[] trends;
        double fs;
        long frames = 0;
        try (AudioInputStream in = WavReader.open(RecordingInput.of(file))) {
            AudioFormat format = in.getFormat();
            fs = RecordingReaders.sampleRate(file, format.getSampleRate(), "the WAV header", options);
            names = RecordingReaders.defaultChannelNames(format.getChannels());
            trends = new CounterColumns.Trend[format.getChannels()];
            Arrays.setAll(trends, c -> new CounterColumns.Trend());
            double[][] block = new double[format.getChannels()][BLOCK_FRAMES];
            byte[] bytes = new byte[BLOCK_FRAMES * format.getFrameSize()];
            for (int n; (n = readFrames(in, bytes)) > 0; frames += n) {
                WavReader.decode(format, bytes, n, block, 0);
                for (int c = 0; c < block.length; c++) {
                    for (int i = 0; i < n; i++) {
                        if (!Double.isFinite(block[c][i])) {
                            throw Recording.nonFinite(file.toString(), names.get(c), frames + i, block[c][i]);
                        }
                        trends[c].add(block[c][i]);
                    }
                }
            }
            WavReader.checkFrames(file, in.getFrameLength(), frames);
        }
        int[] kept = CounterColumns.kept(file.toString(), names,
                Arrays.stream(trends).map(CounterColumns.Trend::kind).toList(), options);
        return new WavStream(file, Arrays.stream(kept).mapToObj(names::get).toList(), kept, fs, frames);
    }

    /** Reads whole frames into {@code bytes}; the count, 0 at the end. */
    private static int readFrames(AudioInputStream in, byte[] bytes) throws IOException {
        int frameSize = in.getFormat().getFrameSize();
        int got = in.readNBytes(bytes, 0, bytes.length);
        return got / frameSize;
    }


    @Override
    protected int readSamples(double[][] into, int offset, int max) throws IOException {
        int got = 0;
        while (got < max && delivered < length()) {
            int want = (int) Math.min(Math.min(BLOCK_FRAMES, max - got), length() - delivered);
            int n = in.readNBytes(bytes, 0, want * in.getFormat().getFrameSize()) / in.getFormat().getFrameSize();
            if (n == 0) {
                throw changed(delivered);
            }
            WavReader.decode(in.getFormat(), bytes, n, block, 0);
            for (int c = 0; c < kept.length; c++) {
                System.arraycopy(block[kept[c]], 0, into[c], offset + got, n);
            }
            got += n;
            delivered += n;
        }
        return got;
    }

    @Override
    protected Closeable input() {
        return in;
    }
}
