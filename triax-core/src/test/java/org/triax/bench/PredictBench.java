package org.triax.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.triax.artifact.TrainConfig;
import org.triax.dataset.DataOptions;
import org.triax.dataset.DemoDataset;
import org.triax.model.Design;
import org.triax.onnx.Int8Export;
import org.triax.onnx.Precision;
import org.triax.predict.InferenceEngine;
import org.triax.predict.Int8Calibration;
import org.triax.predict.RecordingScorer;
import org.triax.predict.ScoringModel;
import org.triax.signal.Recording;
import org.triax.train.TrainJob;
import org.triax.train.TrainingListener;

/**
 * Prediction from raw samples to probabilities through the product's own {@link RecordingScorer}
 * (spectrograms, normalisation, network, the two stages overlapped), with a model trained for one
 * epoch on the demo dataset (input 3 x 65 x 57). Reports one-window latency (p50/p99) and the
 * throughput on a long 3-axis recording of 10^6 samples per channel (1952 windows), for each engine:
 * ONNX Runtime float32, ONNX Runtime int8 (the model's {@code triax export --precision int8}, QDQ, and
 * the same arithmetic written as QLinearConv nodes), taking turns repeat by repeat, then DJL.
 */
final class PredictBench {
    private static final int THROUGHPUT_REPEATS = 5;

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
        // int8 in both encodings, calibrated on the model's training windows (the QDQ one beside the model)
        Int8Calibration.exportFile(model, null, Int8Export.defaultPath(model), Int8Export.Form.QDQ);
        Path qoperator = dir.resolve("qoperator.int8.onnx");
        Int8Calibration.exportFile(model, null, qoperator, Int8Export.Form.QOPERATOR);
        Map<String, Supplier<ScoringModel>> engines = new LinkedHashMap<>();
        engines.put("triax-onnx", () -> ScoringModel.open(model, InferenceEngine.ONNX));
        engines.put("triax-onnx-int8", () -> ScoringModel.open(model, InferenceEngine.ONNX, 0, Precision.INT8));
        engines.put("triax-onnx-int8-qoperator", () -> ScoringModel.open(qoperator, InferenceEngine.ONNX, 0, Precision.INT8));
        engines.put("triax-djl", () -> ScoringModel.open(model, InferenceEngine.DJL));
        Recording one = noise(1024);
        Recording longRec = noise(1_000_000);
        // the ONNX Runtime engines take turns, repeat by repeat, so that a shared machine's drifts touch them
        // alike; DJL runs on its own afterwards (its OpenMP threads keep spinning after a call and would slow
        // whichever engine comes next)
        List<String> onnx = engines.keySet().stream().filter(n -> n.startsWith("triax-onnx")).toList();
        measure(onnx, engines, design, repeats, one, longRec);
        measure(List.of("triax-djl"), engines, design, repeats, one, longRec);
    }

    private static void measure(List<String> names, Map<String, Supplier<ScoringModel>> engines, Design design,
                                int repeats, Recording one, Recording longRec) {
        List<RecordingScorer> scorers = new ArrayList<>();
        try {
            for (String name : names) {
                scorers.add(new RecordingScorer(engines.get(name).get(), List.of(), null));
            }
            double[][] lat = new double[names.size()][repeats];
            for (int k = -20; k < repeats; k++) {
                for (int e = 0; e < names.size(); e++) {
                    long t0 = System.nanoTime();
                    scorers.get(e).windowProbabilities(one);
                    if (k >= 0) {
                        lat[e][k] = (System.nanoTime() - t0) / 1e6;
                    }
                }
            }
            double[][] thr = new double[names.size()][THROUGHPUT_REPEATS];
            int windows = 0;
            for (int k = -1; k < THROUGHPUT_REPEATS; k++) {
                for (int e = 0; e < names.size(); e++) {
                    long t0 = System.nanoTime();
                    windows = scorers.get(e).windowProbabilities(longRec).length;
                    if (k >= 0) {
                        thr[e][k] = windows / ((System.nanoTime() - t0) / 1e9);
                    }
                }
            }
            for (int e = 0; e < names.size(); e++) {
                System.out.println(BenchMain.json("bench", "predict", "engine", names.get(e), "design", design.label(),
                        "latency_p50_ms", BenchMain.median(lat[e]), "latency_p99_ms", BenchMain.percentile(lat[e], 99),
                        "long_windows", windows, "windows_per_s", BenchMain.median(thr[e])));
            }
        } finally {
            scorers.forEach(RecordingScorer::close);
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
