package org.triax.spark.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Input for bench/spark.sh: tri-axial 16-bit WAV recordings of a rotating machine (shaft
 * harmonics, a resonance, noise), seeded. {@code DIR FILES SECONDS FS} writes FILES recordings;
 * {@code --labelled DIR FILES SECONDS FS} writes FILES per class into four class folders (a small
 * training set whose classes differ in their tones).
 */
public final class ScaleInput {
    private static final String[] CLASSES = {"healthy", "imbalance", "misalignment", "bearing"};

    private ScaleInput() {
    }

    public static void main(String[] args) throws IOException {
        boolean labelled = args[0].equals("--labelled");
        int a = labelled ? 1 : 0;
        Path dir = Path.of(args[a]);
        int files = Integer.parseInt(args[a + 1]);
        double seconds = Double.parseDouble(args[a + 2]);
        float fs = Float.parseFloat(args[a + 3]);
        for (int c = 0; c < (labelled ? CLASSES.length : 1); c++) {
            Path to = labelled ? dir.resolve(CLASSES[c]) : dir;
            Files.createDirectories(to);
            for (int f = 0; f < files; f++) {
                long seed = 1000L * c + f;
                write(to.resolve(String.format(Locale.ROOT, "rec-%05d.wav", f)), samples(seconds, fs, labelled ? c : f % 4, seed), fs);
            }
        }
    }

    /** Interleaved X, Y, Z, 16-bit: shaft at 29.5 Hz and harmonics, the kind's tone, a resonance at fs/5, noise. */
    private static short[] samples(double seconds, float fs, int kind, long seed) {
        Random r = new Random(seed);
        int n = (int) Math.round(seconds * fs);
        short[] out = new short[3 * n];
        double shaft = 29.5 * (1 + 0.02 * r.nextGaussian());
        for (int i = 0; i < n; i++) {
            double t = i / (double) fs;
            for (int ch = 0; ch < 3; ch++) {
                double x = 0.3 * Math.sin(2 * Math.PI * shaft * t + ch) + 0.1 * Math.sin(2 * Math.PI * 2 * shaft * t)
                        + 0.05 * (kind + 1) * Math.sin(2 * Math.PI * shaft * (3 + kind) * t + ch)
                        + 0.05 * Math.sin(2 * Math.PI * fs / 5 * t) * Math.sin(2 * Math.PI * shaft * t) + 0.05 * r.nextGaussian();
                out[3 * i + ch] = (short) Math.max(-32768, Math.min(32767, Math.round(x * 16000)));
            }
        }
        return out;
    }

    private static void write(Path file, short[] interleaved, float fs) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(2 * interleaved.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asShortBuffer().put(interleaved);
        AudioFormat format = new AudioFormat(fs, 16, 3, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(b.array()), format, interleaved.length / 3)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }
}
