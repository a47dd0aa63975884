package org.triax.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.artifact.TrainConfig;
import org.triax.artifact.VerdictRule;
import org.triax.dataset.DataOptions;
import org.triax.dataset.DemoDataset;
import org.triax.dataset.SplitFractions;
import org.triax.dataset.SplitProtocol;
import org.triax.model.Design;
import org.triax.onnx.Int8Export;
import org.triax.onnx.OnnxExport;
import org.triax.onnx.Precision;
import org.triax.predict.InferenceEngine;
import org.triax.predict.RecordingScorer;
import org.triax.predict.ScoringModel;
import org.triax.signal.StftConfig;
import org.triax.signal.WindowFunction;
import org.triax.signal.WindowSpec;
import org.triax.testing.TinyData;
import org.triax.train.TrainJob;
import org.triax.train.TrainingListener;

/**
 * {@code export --precision int8}, then {@code predict} and {@code evaluate --precision int8}, on a
 * fused model trained for a few epochs on the demo data: the int8 model gives the float32 verdicts.
 */
class Int8PredictionTest {
    /** Largest difference of a window's class probability between int8 and float32 accepted. */
    private static final double PROBABILITY_TOLERANCE = 0.05;

    @TempDir
    static Path dir;
    static Path data;
    static Path model;
    static Path int8;

    @BeforeAll
    static void trainAndExport() {
        data = DemoDataset.generate(dir.resolve("demo"), 3);
        DataOptions opts = new DataOptions(data, List.of(), Double.NaN, null, new WindowSpec(512, 256),
                new StftConfig(64, 48, WindowFunction.HANN, -120, 0, Double.POSITIVE_INFINITY),
                SplitProtocol.BY_RECORDING, SplitFractions.DEFAULT, 3);
        model = TrainJob.run(opts, List.of(Design.FUSED), new TrainConfig(4, 32, 1e-3f, 3, false), dir.resolve("models"),
                TrainingListener.SILENT, new PrintStream(new ByteArrayOutputStream())).get(0).modelFile();
        int8 = Int8Export.defaultPath(model);
        String out = stdout("export", "--model", model.toString(), "--precision", "int8");
        assertTrue(out.startsWith("wrote " + int8 + ": int8 (QDQ"), out);
        assertTrue(out.contains("training windows of " + data.toAbsolutePath().normalize()), out);
    }

    @Test
    void int8GivesTheFloatVerdictsAndProbabilitiesCloseToThem() throws Exception {
        List<Path> recordings;
        try (Stream<Path> s = Files.walk(data)) {
            recordings = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        int windows = 0;
        int agree = 0;
        double maxDiff = 0;
        try (RecordingScorer fp32 = new RecordingScorer(ScoringModel.open(model, InferenceEngine.ONNX), List.of(), null);
                RecordingScorer q = new RecordingScorer(ScoringModel.open(model, InferenceEngine.ONNX, 0, Precision.INT8),
                        List.of(), null)) {
            assertTrue(q.source().startsWith(int8 + " on ONNX Runtime") && q.source().endsWith("(int8)"), q.source());
            for (Path r : recordings) {
                RecordingScorer.Scored a = fp32.scoreWindows(fp32.read(r));
                RecordingScorer.Scored b = q.scoreWindows(q.read(r));
                assertEquals(a.verdict().predicted(), b.verdict().predicted(), r.toString());
                for (int w = 0; w < a.windows().length; w++) {
                    windows++;
                    agree += VerdictRule.argmax(a.windows()[w]) == VerdictRule.argmax(b.windows()[w]) ? 1 : 0;
                    for (int c = 0; c < a.windows()[w].length; c++) {
                        maxDiff = Math.max(maxDiff, Math.abs(a.windows()[w][c] - b.windows()[w][c]));
                    }
                }
            }
        }
        assertTrue(maxDiff <= PROBABILITY_TOLERANCE, "max |int8 - fp32| = " + maxDiff);
        assertTrue(agree >= windows * 99 / 100, agree + " of " + windows + " windows agree");
    }


    @Test
    void evaluateAtInt8ScoresTheSavedTestSetAsFloatDoes() {
        String fp32 = stdout("evaluate", "--model", model.toString(), "--data", data.toString());
        String q = stdout("evaluate", "--model", model.toString(), "--data", data.toString(), "--precision", "int8");
        assertEquals(accuracy(fp32), accuracy(q), 1.0, fp32 + "\n" + q);
    }

    private static double accuracy(String evaluateOutput) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("windows \\d+: accuracy ([\\d.]+) %").matcher(evaluateOutput);
        assertTrue(m.find(), evaluateOutput);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void calibrationIsReproducible() throws Exception {
        Path again = dir.resolve("again.int8.onnx");
        stdout("export", "--model", model.toString(), "--precision", "int8", "--out", again.toString());
        assertArrayEquals(Files.readAllBytes(int8), Files.readAllBytes(again));
    }

    @Test
    void fp32StaysTheDefaultWithAnInt8ModelBesideAndAnInt8FileRunsAsItIs() {
        try (ScoringModel m = ScoringModel.open(model, InferenceEngine.ONNX)) {
            assertTrue(m.source().startsWith(OnnxExport.defaultPath(model) + " on ONNX Runtime")
                    && !m.source().contains("int8"), m.source());
        }
        try (ScoringModel m = ScoringModel.open(int8, InferenceEngine.ONNX)) {
            assertEquals(int8 + " on " + m.classifier().engine() + " (int8)", m.source());
        }
    }

    @Test
    void int8MistakesAreOneLineErrors() throws Exception {
        Path lone = dir.resolve("lone");
        Files.createDirectories(lone);
        Path copy = Files.copy(model, lone.resolve("m.triax"));
        String rec = data.resolve("healthy").toString();
        assertEquals("triax: error: no int8 model beside " + copy + " (m.int8.onnx): run triax export --model " + copy
                + " --precision int8", error("predict", "--model", copy.toString(), "--precision", "int8", rec));
        assertTrue(error("predict", "--model", model.toString(), "--precision", "int8", "--engine", "djl", rec)
                .contains("--precision int8 runs on ONNX Runtime"));
        assertTrue(error("predict", "--model", OnnxExport.defaultPath(model).toString(), "--precision", "int8", rec)
                .contains("is a float32 model: --precision int8 needs its int8 export"));
        assertTrue(error("predict", "--model", model.toString(), "--precision", "int4", rec)
                .contains("unknown --precision 'int4' (expected fp32 or int8)"));
        Path other = DemoDataset.generate(dir.resolve("other-demo"), 4);
        assertTrue(error("export", "--model", copy.toString(), "--precision", "int8", "--data", other.toString())
                .contains("is not the data " + copy + " was trained on"));
        assertTrue(!Files.exists(lone.resolve("m.int8.onnx")));
        // an int8 export of other weights beside it is refused, not run
        ai.onnx.proto.OnnxMl.ModelProto.Builder stale = ai.onnx.proto.OnnxMl.ModelProto.parseFrom(Files.readAllBytes(int8))
                .toBuilder();
        for (int i = 0; i < stale.getMetadataPropsCount(); i++) {
            if (stale.getMetadataProps(i).getKey().equals(OnnxExport.WEIGHTS_SHA256)) {
                stale.setMetadataProps(i, stale.getMetadataProps(i).toBuilder().setValue("0".repeat(64)));
            }
        }
        Files.write(lone.resolve("m.int8.onnx"), stale.build().toByteArray());
        assertTrue(error("predict", "--model", copy.toString(), "--precision", "int8", rec)
                .contains(lone.resolve("m.int8.onnx") + " is not the int8 export of " + copy));
        assertTrue(error("export", "--model", copy.toString(), "--precision", "int8").contains("already exists"));
    }

    private static String stdout(String... args) {
        TinyData.Run r = TinyData.cli(args);
        assertEquals(0, r.status(), String.join(" ", args) + ": " + r.err());
        return r.out();
    }

    /** Runs a command that must fail with exit status 2; returns its one stderr line. */
    private static String error(String... args) {
        TinyData.Run r = TinyData.cli(args);
        assertEquals(2, r.status(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        return r.errLines().get(0);
    }
}
