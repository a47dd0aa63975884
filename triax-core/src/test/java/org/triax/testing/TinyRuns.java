package org.triax.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Tiny runs of a machine for the health tests: snapshots of two channels (ch0, ch1) at 1 kHz, a
 * 50 Hz shaft tone plus noise, whose level creeps up slowly (running in); from snapshot
 * {@code stepAt} on a fault adds impacts every 1/17 s ringing at 320 Hz and doubles the tone.
 */
public final class TinyRuns {
    public static final double FS = 1000;
    public static final int SAMPLES = 4096;
    /** 31 windows of 17 bins x 15 frames per snapshot. */
    public static final java.util.List<String> SMALL =
            java.util.List.of("--fs", "1000", "--window", "256", "--hop", "128", "--segment", "32", "--overlap", "16");

    private TinyRuns() {
    }

    /** Writes {@code 1.csv .. n.csv} (numbers only: channels ch0, ch1) into {@code dir}; stepAt <= 0: no fault. */
    public static Path run(Path dir, int snapshots, int stepAt, long seed) {
        for (int k = 1; k <= snapshots; k++) {
            snapshot(dir.resolve(k + ".csv"), k, stepAt > 0 && k >= stepAt, SAMPLES, seed * 1000 + k, false);
        }
        return dir;
    }

    /** One snapshot; {@code withTime} writes a "time,ch0,ch1" header with seconds from 0. */
    public static Path snapshot(Path file, int k, boolean faulty, int samples, long seed, boolean withTime) {
        Random rnd = new Random(seed);
        double level = 1 + 0.005 * k; // half a percent per snapshot: slow drift
        double tone = faulty ? 2 * level : level;
        StringBuilder sb = new StringBuilder(samples * 24);
        if (withTime) {
            sb.append("time,ch0,ch1\n");
        }
        for (int i = 0; i < samples; i++) {
            double t = i / FS;
            double impact = 0;
            if (faulty) {
                double since = t % (1 / 17.0);
                impact = 3 * Math.exp(-since * 150) * Math.sin(2 * Math.PI * 320 * since);
            }
            double x = tone * Math.sin(2 * Math.PI * 50 * t) + impact + 0.3 * rnd.nextGaussian();
            double y = 0.7 * tone * Math.cos(2 * Math.PI * 50 * t) + 0.5 * impact + 0.3 * rnd.nextGaussian();
            if (withTime) {
                sb.append(t).append(',');
            }
            sb.append(Math.round(x * 1e4) / 1e4).append(',').append(Math.round(y * 1e4) / 1e4).append('\n');
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
