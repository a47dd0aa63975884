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
 * axis ({@link RecordingReaders#sampleRate}).
 */
public final class WavReader implements RecordingReader {

    static final List<String> EXTENSIONS = List.of(".wav");

    @Override
    public boolean accepts(Path file) {
        return RecordingReaders.hasExtension(file, EXTENSIONS);
    }

    @Override
    public Recording read(Path file, ReadOptions options) throws IOException {
        AudioFormat format;
        byte[] bytes;
        long declaredFrames;
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            format = in.getFormat();
            declaredFrames = in.getFrameLength();
            bytes = in.readAllBytes();
        } catch (UnsupportedAudioFileException e) {
            throw new TriaxException(file + ": not a readable WAV file ("
                    + RecordingReaders.reason(e) + ")", e);
        }
        double fs = RecordingReaders.sampleRate(file, format.getSampleRate(), "the WAV header", options);
        int channels = format.getChannels();
        int width = format.getFrameSize() / channels; // bytes per sample, container size
        int frames = bytes.length / format.getFrameSize();
        AudioFormat.Encoding encoding = format.getEncoding();
        boolean floating = encoding.equals(AudioFormat.Encoding.PCM_FLOAT);
        if (!(floating && (width == 4 || width == 8))
                && !(encoding.equals(AudioFormat.Encoding.PCM_SIGNED) && width >= 1 && width <= 4)
                && !(encoding.equals(AudioFormat.Encoding.PCM_UNSIGNED) && width == 1)) {
            throw new TriaxException(file + ": unsupported WAV encoding " + format
                    + " (supported: integer PCM 8-32 bit, float 32/64 bit)");
        }
        if (declaredFrames != AudioSystem.NOT_SPECIFIED && frames < declaredFrames) {
            // javax.sound just returns less data; a short recording would pass unnoticed
            throw new TriaxException(file + ": truncated WAV file (header says " + declaredFrames
                    + " frames, found " + frames + ")");
        }
        if (frames == 0) {
            throw new TriaxException(file + ": no samples in the WAV data");
        }
        // integers are left-justified in their container, so scaling by its width gives [-1, 1)
        double scale = 1.0 / (1L << (8 * width - 1));
        boolean unsigned = encoding.equals(AudioFormat.Encoding.PCM_UNSIGNED);
        double[][] samples = new double[channels][frames];
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < channels; c++) {
                long bits = word(bytes, (f * channels + c) * width, width, format.isBigEndian());
                if (floating) {
                    samples[c][f] = width == 4 ? Float.intBitsToFloat((int) bits)
                            : Double.longBitsToDouble(bits);
                } else if (unsigned) {
                    samples[c][f] = (bits - 128) * scale;
                } else {
                    long signed = bits << (64 - 8 * width) >> (64 - 8 * width); // sign-extend
                    samples[c][f] = signed * scale;
                }
            }
        }
        List<String> names = RecordingReaders.defaultChannelNames(channels);
        return new Recording(file.toString(), names, fs, samples);
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
