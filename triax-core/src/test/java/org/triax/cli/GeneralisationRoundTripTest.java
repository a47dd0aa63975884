package org.triax.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.artifact.ModelArtifact;
import org.triax.artifact.ModelMetadata;
import org.triax.artifact.TrainConfig;
import org.triax.dataset.Augmentation;
import org.triax.onnx.OnnxExport;
import org.triax.predict.Evaluation;
import org.triax.predict.InferenceEngine;
import org.triax.predict.RecordingScorer;
import org.triax.signal.InputTransform;
import org.triax.signal.Preprocessing;
import org.triax.signal.ReadOptions;
import org.triax.signal.RecordingReaders;
import org.triax.testing.TinyData;
import org.triax.testing.TinyData.Layout;
import org.triax.testing.TinyData.Run;

/**
 * {@code triax train} with the generalisation options (envelope input in a band, log frequency axis,
 * every augmentation): they are saved with the model and in its ONNX metadata, predict rebuilds the
 * training input on both engines, the test set is never augmented, and runs stay reproducible.
 */
class GeneralisationRoundTripTest {
    @TempDir
    static Path shared;

    static Path data;
    static Path model;
    static Run training;

    static String[] trainArgs(Path out) {
        return TinyData.args("train", "--data", data, "--out", out, "--mode", "fused", "--epochs", "2", "--seed", "8",
                "--batch", "16", TinyData.SMALL, "--input", "envelope", "--band", "100,450", "--freq-axis", "log",
                "--augment", "stretch,gain,shift,noise");
    }

    @BeforeAll
    static void train() {
        data = TinyData.dataset(shared.resolve("data"), 3, 4, Layout.HEADER_WITH_TIME, 31);
        training = TinyData.cli(trainArgs(shared.resolve("models")));
        assertEquals(0, training.status(), training.err());
        List<Path> files = TinyData.filesEndingWith(shared.resolve("models"), ".triax");
        assertEquals(1, files.size());
        model = files.get(0);
    }

    @Test
    void theOptionsAreSavedWithTheModelAndPrinted() {
        ModelMetadata m = ModelArtifact.load(model).metadata();
        InputTransform t = m.preprocessing().transform();
        assertEquals(InputTransform.Kind.ENVELOPE, t.kind());
        assertEquals(new InputTransform.Band(100, 450), t.band());
        assertEquals(InputTransform.Axis.LOG, t.axis());
        assertEquals(Augmentation.parse("gain,shift,noise,stretch"), m.training().augmentation());
        assertEquals(List.of(Augmentation.Kind.values()), m.training().augmentation().kinds());
        assertEquals(6, m.training().augmentation().gainDb());
        assertEquals(2, m.formatVersion(), "a triax that cannot build this input must refuse the model");
        assertTrue(training.out().contains("envelope of 101.563-449.219 Hz, log frequency axis"), training.out());
        assertTrue(training.out().contains("augmentation: gain +-6 dB, start shift +-1 hop, noise at SNR 20-40 dB, "
                + "frequency stretch +-5 %"), training.out());
    }

    @Test
    void theOnnxMetadataDescribesTheInput() throws Exception {
        Path onnx = OnnxExport.defaultPath(model);
        Map<String, String> p = new HashMap<>();
        OnnxMl.ModelProto.parseFrom(Files.readAllBytes(onnx)).getMetadataPropsList()
                .forEach(e -> p.put(e.getKey(), e.getValue()));
        Preprocessing pre = ModelArtifact.load(model).metadata().preprocessing();
        assertEquals("2", p.get("triax.format_version"));
        assertEquals("envelope", p.get("triax.input"));
        assertEquals("log", p.get("triax.freq_axis"));
        assertEquals("512", p.get("triax.envelope_fft_size"), "the window and its mirror image");
        // band 100-450 Hz of a 256-sample window at 1 kHz: bins 26..115 (3.90625 Hz), 52..230 of the 512-point FFT
        assertEquals("52", p.get("triax.envelope_first_bin"));
        assertEquals("230", p.get("triax.envelope_last_bin"));
        assertEquals("101.5625,449.21875", p.get("triax.envelope_band_hz"));
        double[] centers = Arrays.stream(p.get("triax.log_bin_centers").split(",")).mapToDouble(Double::parseDouble).toArray();
        assertEquals(pre.bins(), centers.length);
        assertArrayEquals(pre.logBins().centers(), centers, 0.0);
        assertEquals(pre.bins(), p.get("triax.log_bin_half_widths").split(",").length);
        assertTrue(p.get("triax.preprocessing").contains("x followed by x reversed"), p.get("triax.preprocessing"));
        assertTrue(p.get("triax.preprocessing").contains("log_bin_centers[j]"), p.get("triax.preprocessing"));
    }

    @Test
    void predictGivesTheSameProbabilitiesOnDjlAndOnnx() {
        Path recording = TinyData.recording(shared.resolve("new/bravo.csv"), 1, 3, TinyData.SAMPLES,
                Layout.HEADER_WITH_TIME, 99);
        try (RecordingScorer djl = new RecordingScorer(model, InferenceEngine.DJL, List.of(), null);
             RecordingScorer onnx = new RecordingScorer(model, InferenceEngine.ONNX, List.of(), null)) {
            float[][] a = djl.windowProbabilities(RecordingReaders.read(recording, ReadOptions.DEFAULT));
            float[][] b = onnx.windowProbabilities(RecordingReaders.read(recording, ReadOptions.DEFAULT));
            assertEquals(31, a.length);
            assertEquals(a.length, b.length);
            for (int w = 0; w < a.length; w++) {
                assertArrayEquals(a[w], b[w], 1e-5f, "window " + w);
            }
        }
    }

    @Test
    void theTestSetIsNeverAugmented() {
        // evaluate extracts the saved test blocks with the contract alone: exactly the stored metrics
        ModelMetadata m = ModelArtifact.load(model).metadata();
        Evaluation.Report r = Evaluation.run(model, data, false, null);
        assertEquals(m.test().accuracy(), r.windows().accuracy(), 0.0);
        assertArrayEquals(m.test().confusion(), r.windows().confusion());
        assertEquals(m.dataset().testWindows(), r.windows().count());
    }

    @Test
    void theSameSeedTrainsTheIdenticalModelAndAnotherAugmentationAnotherOne() {
        Run again = TinyData.cli(trainArgs(shared.resolve("again")));
        assertEquals(0, again.status(), again.err());
        ModelArtifact first = ModelArtifact.load(model);
        ModelArtifact second = ModelArtifact.load(TinyData.filesEndingWith(shared.resolve("again"), ".triax").get(0));
        assertArrayEquals(first.weights(), second.weights(), "augmentation is seeded: reproducible");
        assertEquals(first.metadata().history().get(1).trainLoss(), second.metadata().history().get(1).trainLoss(), 0.0);

        String[] other = trainArgs(shared.resolve("other-augmentation"));
        other[Arrays.asList(other).indexOf("stretch,gain,shift,noise")] = "gain";
        Run gainOnly = TinyData.cli(other);
        assertEquals(0, gainOnly.status(), gainOnly.err());
        ModelArtifact third = ModelArtifact.load(
                TinyData.filesEndingWith(shared.resolve("other-augmentation"), ".triax").get(0));
        assertFalse(Arrays.equals(first.weights(), third.weights()), "the augmentation changes what is learnt");
        assertNotEquals(first.metadata().history().get(0).trainLoss(), third.metadata().history().get(0).trainLoss());
    }

    @Test
    void aModelFileWrittenBeforeTheseOptionsLoadsWithTheDefaults() throws Exception {
        ObjectNode json = (ObjectNode) ModelArtifact.JSON.valueToTree(ModelArtifact.load(model).metadata());
        ((ObjectNode) json.get("preprocessing")).remove("transform");
        ((ObjectNode) json.get("training")).remove("augmentation");
        json.put("formatVersion", 1);
        ModelMetadata old = ModelArtifact.parseMetadata(Path.of("old.triax"), ModelArtifact.JSON.writeValueAsBytes(json));
        assertEquals(InputTransform.DEFAULT, old.preprocessing().transform());
        assertEquals(Augmentation.NONE, old.training().augmentation());
        assertEquals(new TrainConfig(2, 16, 1e-3f, 8, false), old.training());
        assertEquals(1, ModelMetadata.formatVersionFor(old.preprocessing()));
        assertEquals(old.preprocessing().channels(), ModelArtifact.load(model).metadata().preprocessing().channels());
    }
}
