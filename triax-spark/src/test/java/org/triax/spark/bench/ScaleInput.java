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
 * Input for bench/spark.sh, of the kind bench/scale.sh scores: {@code DIR FILES SECONDS FS} writes
 * FILES tri-axial float32 WAV recordings of a rotating machine (shaft harmonics, a fault tone that
 * varies from file to file, a modulated resonance, noise), seeded by the file's number.
 */
public final class ScaleInput {

    private ScaleInput() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args[0]));
        int files = Integer.parseInt(args[1]);
        double seconds = Double.parseDouble(args[2]);
        float fs = Float.parseFloat(args[3]);
        for (int f = 0; f < files; f++) {
            write(dir.resolve(String.format(Locale.ROOT, "rec-%05d.wav", f)), samples(seconds, fs, f), fs);
        }
    }

    /** Interleaved X, Y, Z. */
    private static float[] samples(double seconds, float fs, long seed) {
        Random r = new Random(seed);
        int n = (int) Math.round(seconds * fs);
        float[] out = new float[3 * n];
        double shaft = 29.5 * (1 + 0.02 * r.nextGaussian());
        int kind = (int) (seed % 4);
        for (int i = 0; i < n; i++) {
            double t = i / (double) fs;
            for (int ch = 0; ch < 3; ch++) {
                out[3 * i + ch] = (float) (0.3 * Math.sin(2 * Math.PI * shaft * t + ch) + 0.1 * Math.sin(2 * Math.PI * 2 * shaft * t)
                        + 0.05 * (kind + 1) * Math.sin(2 * Math.PI * shaft * (3 + kind) * t + ch)
                        + 0.05 * Math.sin(2 * Math.PI * fs / 5 * t) * Math.sin(2 * Math.PI * shaft * t) + 0.05 * r.nextGaussian());
            }
        }
        return out;
    }

    private static void write(Path file, float[] interleaved, float fs) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * interleaved.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(interleaved);
        AudioFormat format = new AudioFormat(AudioFormat.Encoding.PCM_FLOAT, fs, 32, 3, 12, fs, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(b.array()), format, interleaved.length / 3)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }
}
