package org.triax.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.triax.artifact.TrainConfig;
import org.triax.dataset.DataOptions;
import org.triax.dataset.DemoDataset;
import org.triax.model.Design;
import org.triax.predict.InferenceEngine;
import org.triax.predict.RecordingScorer;
import org.triax.signal.Recording;
import org.triax.train.TrainJob;
import org.triax.train.TrainingListener;

/**
 * Prediction from raw samples to probabilities through the product's own {@link RecordingScorer}
 * (spectrograms, normalisation, network, the two stages overlapped), with a model trained for one
 * epoch on the demo dataset (input 3 x 65 x 57). Reports one-window latency (p50/p99) and the
 * throughput on a long 3-axis recording of 10^6 samples per channel (1952 windows), for each engine.
 */
final class PredictBench {
    private PredictBench() {
    }

    static void run(String[] args) throws IOException {
        Design design = Design.parse(args[0]);
        int repeats = Integer.parseInt(args[1]);
        Path dir = Files.createTempDirectory("triax-bench");
        Path data = DemoDataset.generate(dir.resolve("demo"), 1);
        Path model = TrainJob.run(DataOptions.defaults(data), List.of(design), new TrainConfig(1, 32, 1e-3f, 1, false),
                dir.resolve("models"), TrainingListener.SILENT, new PrintStream(OutputStream.nullOutputStream()))
                .get(0).modelFile();
        Recording one = noise(1024);
        Recording longRec = noise(1_000_000);
        for (InferenceEngine engine : InferenceEngine.values()) {
            try (RecordingScorer scorer = new RecordingScorer(model, engine, List.of(), null)) {
                double[] lat = new double[repeats];
                for (int k = -20; k < repeats; k++) {
                    long t0 = System.nanoTime();
                    scorer.windowProbabilities(one);
                    if (k >= 0) {
                        lat[k] = (System.nanoTime() - t0) / 1e6;
                    }
                }
                double[] thr = new double[3];
                int windows = 0;
                for (int k = -1; k < thr.length; k++) {
                    long t0 = System.nanoTime();
                    windows = scorer.windowProbabilities(longRec).length;
                    if (k >= 0) {
                        thr[k] = windows / ((System.nanoTime() - t0) / 1e9);
                    }
                }
                System.out.println(BenchMain.json("bench", "predict", "engine", "triax-" + engine.name().toLowerCase(),
                        "design", design.label(), "latency_p50_ms", BenchMain.median(lat),
                        "latency_p99_ms", BenchMain.percentile(lat, 99), "long_windows", windows,
                        "windows_per_s", BenchMain.median(thr)));
            }
        }
    }

    private static Recording noise(int n) {
        Random rnd = new Random(n);
        double[][] s = new double[3][n];
        for (double[] ch : s) {
            for (int i = 0; i < n; i++) {
                ch[i] = 0.05 * rnd.nextGaussian();
            }
        }
        return new Recording("noise", DemoDataset.CHANNELS, DemoDataset.FS, s);
    }
}
