package org.triax.signal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.triax.TriaxException;

/**
 * WAV files via javax.sound: integer PCM (8, 16, 24, 32 bit) and IEEE float (32, 64 bit), scaled
 * to [-1, 1]. Channels are X, Y, Z for three, else ch0, ch1, .... The sampling rate comes from the
 * header; a different rate in the options is an error rather than silently relabelling the time
 * axis ({@link RecordingReaders#sampleRate}). {@link WavStream} decodes the same frames block by
 * block.
 */
public final class WavReader implements RecordingReader {

    static final List<String> EXTENSIONS = List.of(".wav");

    @Override
    public boolean accepts(Path file) {
        return RecordingReaders.hasExtension(file, EXTENSIONS);
    }

    @Override
    public Recording read(RecordingInput input, ReadOptions options) throws IOException {
        Path file = input.path();
        try (AudioInputStream in = open(input)) {
            AudioFormat format = in.getFormat();
            double fs = RecordingReaders.sampleRate(file, format.getSampleRate(), "the WAV header", options);
            byte[] bytes = in.readAllBytes();
            int frames = bytes.length / format.getFrameSize();
            checkFrames(file, in.getFrameLength(), frames);
            double[][] samples = new double[format.getChannels()][frames];
            decode(format, bytes, frames, samples, 0);
            return new Recording(file.toString(), RecordingReaders.defaultChannelNames(format.getChannels()), fs, samples);
        }
    }

    /** The file's audio stream, its encoding checked. */
    static AudioInputStream open(RecordingInput input) throws IOException {
        Path file = input.path();
        AudioInputStream in;
        try {
            in = input.audio();
        } catch (UnsupportedAudioFileException e) {
            throw new TriaxException(file + ": not a readable WAV file (" + RecordingReaders.reason(e) + ")", e);
        }
        AudioFormat format = in.getFormat();
        int width = format.getFrameSize() / format.getChannels(); // bytes per sample, container size
        AudioFormat.Encoding encoding = format.getEncoding();
        if (!(encoding.equals(AudioFormat.Encoding.PCM_FLOAT) && (width == 4 || width == 8))
                && !(encoding.equals(AudioFormat.Encoding.PCM_SIGNED) && width >= 1 && width <= 4)
                && !(encoding.equals(AudioFormat.Encoding.PCM_UNSIGNED) && width == 1)) {
            in.close();
            throw new TriaxException(file + ": unsupported WAV encoding " + format
                    + " (supported: integer PCM 8-32 bit, float 32/64 bit)");
        }
        return in;
    }

    /** Refuses a file with fewer frames than its header declares, or none. */
    static void checkFrames(Path file, long declaredFrames, long frames) {
        if (declaredFrames != AudioSystem.NOT_SPECIFIED && frames < declaredFrames) {
            // javax.sound just returns less data; a short recording would pass unnoticed
            throw new TriaxException(file + ": truncated WAV file (header says " + declaredFrames
                    + " frames, found " + frames + ")");
        }
        if (frames == 0) {
            throw new TriaxException(file + ": no samples in the WAV data");
        }
    }

    /** Decodes {@code frames} frames of {@code bytes} into {@code out[c][offset..]}. */
    static void decode(AudioFormat format, byte[] bytes, int frames, double[][] out, int offset) {
        int channels = format.getChannels();
        int width = format.getFrameSize() / channels;
        boolean floating = format.getEncoding().equals(AudioFormat.Encoding.PCM_FLOAT);
        boolean unsigned = format.getEncoding().equals(AudioFormat.Encoding.PCM_UNSIGNED);
        // integers are left-justified in their container, so scaling by its width gives [-1, 1)
        double scale = 1.0 / (1L << (8 * width - 1));
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < channels; c++) {
                long bits = word(bytes, (f * channels + c) * width, width, format.isBigEndian());
                double v;
                if (floating) {
                    v = width == 4 ? Float.intBitsToFloat((int) bits) : Double.longBitsToDouble(bits);
                } else if (unsigned) {
                    v = (bits - 128) * scale;
                } else {
                    long signed = bits << (64 - 8 * width) >> (64 - 8 * width); // sign-extend
                    v = signed * scale;
                }
                out[c][offset + f] = v;
            }
        }
    }

    /** The unsigned value of {@code width} bytes at {@code at}. */
    private static long word(byte[] bytes, int at, int width, boolean bigEndian) {
        long value = 0;
        for (int k = 0; k < width; k++) {
            int b = bytes[at + (bigEndian ? k : width - 1 - k)] & 0xff;
            value = (value << 8) | b;
        }
        return value;
    }
}
