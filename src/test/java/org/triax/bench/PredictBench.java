package org.triax.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.triax.dataset.Normalization;
import org.triax.model.Design;
import org.triax.model.NetworkSpec;
import org.triax.model.Networks;
import org.triax.model.TriaxNetwork;
import org.triax.signal.Preprocessing;
import org.triax.signal.Recording;
import org.triax.signal.SpectrogramExtractor;
import org.triax.train.ModelTrainer;

/**
 * Prediction from raw samples to probabilities (spectrograms, normalisation, network), as
 * {@code RecordingScorer} does it: one-window latency (p50/p99 over repeats) and the throughput
 * on a long 3-axis recording of 10^6 samples per channel (1952 windows).
 */
final class PredictBench {
    private PredictBench() {
    }

    static void run(String[] args) {
        Design design = Design.parse(args[0]);
        int repeats = Integer.parseInt(args[1]);
        Preprocessing pre = Synthetic.preprocessing();
        NetworkSpec spec = NetworkSpec.of(design, 3, pre.bins(), pre.frames(), Synthetic.CLASSES);
        Engine.getInstance().setRandomSeed(1);
        try (TriaxNetwork net = TriaxNetwork.create(spec)) {
            net.model().getBlock().initialize(net.model().getNDManager(), DataType.FLOAT32, Networks.inputShape(spec, 1));
            SpectrogramExtractor ex = pre.extractor();
            Normalization norm = new Normalization(new float[] {-60, -60, -60}, new float[] {10, 10, 10});
            Recording one = noise(pre.window().length());
            Recording longRec = noise(1_000_000);
            double[] lat = new double[repeats];
            for (int k = -20; k < repeats; k++) {
                long t0 = System.nanoTime();
                score(one, ex, norm, net);
                if (k >= 0) {
                    lat[k] = (System.nanoTime() - t0) / 1e6;
                }
            }
            double[] thr = new double[3];
            int windows = 0;
            for (int k = -1; k < thr.length; k++) {
                long t0 = System.nanoTime();
                windows = score(longRec, ex, norm, net);
                if (k >= 0) {
                    thr[k] = windows / ((System.nanoTime() - t0) / 1e9);
                }
            }
            System.out.println(BenchMain.json("bench", "predict", "engine", "triax-djl", "design", design.label(),
                    "latency_p50_ms", BenchMain.median(lat), "latency_p99_ms", BenchMain.percentile(lat, 99),
                    "long_windows", windows, "windows_per_s", BenchMain.median(thr)));
        }
    }

    private static int score(Recording r, SpectrogramExtractor ex, Normalization norm, TriaxNetwork net) {
        int[] starts = ex.windowStarts(0, r.length());
        int size = ex.preprocessing().tensorSize();
        float[] data = new float[starts.length * size];
        IntStream.range(0, starts.length).parallel().forEach(i -> ex.window(r, starts[i], data, i * size));
        norm.apply(data, starts.length, size);
        return net.probabilities(data, starts.length, ModelTrainer.EVAL_BATCH).length;
    }

    private static Recording noise(int n) {
        Random rnd = new Random(n);
        double[][] s = new double[3][n];
        for (double[] ch : s) {
            for (int i = 0; i < n; i++) {
                ch[i] = rnd.nextGaussian();
            }
        }
        return new Recording("noise", List.of("X", "Y", "Z"), 5120, s);
    }
}
