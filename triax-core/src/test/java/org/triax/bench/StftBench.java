package org.triax.bench;

import java.util.Random;
import org.triax.signal.Stft;
import org.triax.signal.StftConfig;
import org.triax.signal.WindowFunction;

/**
 * Spectrogram preparation: 3 channels x 10^6 samples, segment 256, overlap 128, Hann, PSD in dB.
 * THREADS = 1 runs the channels one after another on one thread; any other value uses the
 * frame-chunked parallel path on the common pool (set its size with
 * -Djava.util.concurrent.ForkJoinPool.common.parallelism).
 */
final class StftBench {
    private StftBench() {
    }

    static void run(String[] args) {
        int threads = Integer.parseInt(args[0]);
        int repeats = Integer.parseInt(args[1]);
        int n = 1_000_000;
        double[][] x = new double[3][n];
        Random r = new Random(1);
        for (double[] ch : x) {
            for (int i = 0; i < n; i++) {
                ch[i] = r.nextGaussian();
            }
        }
        StftConfig cfg = new StftConfig(256, 128, WindowFunction.HANN, -300, 0, Double.POSITIVE_INFINITY);
        Stft stft = new Stft(cfg, 48000);
        boolean parallel = threads != 1;
        double[] t = new double[repeats];
        float sink = 0;
        for (int warm = 0; warm < 5; warm++) {
            for (double[] ch : x) {
                sink += stft.spectrogramDb(ch, parallel)[0];
            }
        }
        for (int k = 0; k < repeats; k++) {
            long t0 = System.nanoTime();
            for (double[] ch : x) {
                sink += stft.spectrogramDb(ch, parallel)[7];
            }
            t[k] = (System.nanoTime() - t0) / 1e9;
        }
        double sec = BenchMain.median(t);
        int frames = 3 * cfg.frames(n);
        System.out.println(BenchMain.json("bench", "stft", "engine", "triax-jtransforms", "threads",
                parallel ? Runtime.getRuntime().availableProcessors() : 1, "seconds", sec, "frames_per_s", frames / sec,
                "mb_per_s", 3.0 * n * 8 / 1e6 / sec, "checksum", (double) sink));
    }
}
