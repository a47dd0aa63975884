package org.triax.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.artifact.ModelArtifact;
import org.triax.artifact.TrainConfig;
import org.triax.dataset.DataOptions;
import org.triax.dataset.DemoDataset;
import org.triax.dataset.SplitFractions;
import org.triax.dataset.SplitProtocol;
import org.triax.model.Design;
import org.triax.predict.Evaluation;
import org.triax.predict.InferenceEngine;
import org.triax.signal.StftConfig;
import org.triax.signal.WindowFunction;
import org.triax.signal.WindowSpec;
import org.triax.train.TrainJob;
import org.triax.train.TrainingListener;

/**
 * {@code train} writes the ONNX export beside each model, with trained batch-norm statistics (one
 * short epoch of the separate design on the demo data; both designs' exports are compared with DJL
 * in {@link OnnxExportTest}).
 */
class TrainedModelOnnxTest {

    @Test
    void trainWritesTheOnnxBesideEachModelAndEvaluateReproducesTheTestSetOnIt(@TempDir Path out) {
        Path data = DemoDataset.generate(out.resolve("demo"), 5);
        DataOptions opts = new DataOptions(data, List.of(), Double.NaN, null, new WindowSpec(256, 512),
                new StftConfig(32, 16, WindowFunction.HANN, -120, 0, Double.POSITIVE_INFINITY),
                SplitProtocol.BY_RECORDING, SplitFractions.DEFAULT, 5);
        List<TrainJob.Outcome> outcomes = TrainJob.run(opts, List.of(Design.SEPARATE),
                new TrainConfig(1, 32, 1e-3f, 5, false), out.resolve("models"), TrainingListener.SILENT,
                new PrintStream(new ByteArrayOutputStream()));
        for (TrainJob.Outcome o : outcomes) {
            Path onnx = OnnxExport.defaultPath(o.modelFile());
            assertTrue(Files.isRegularFile(onnx), onnx.toString());
            try (OnnxNetwork net = OnnxNetwork.open(onnx)) {
                assertEquals(ModelArtifact.JSON.valueToTree(ModelArtifact.load(o.modelFile()).metadata()),
                        ModelArtifact.JSON.valueToTree(net.metadata()));
            }
            // the model's own test set scored from the .onnx alone on ONNX Runtime: the test metrics
            // DJL computed at the end of training
            Evaluation.Report r = Evaluation.run(onnx, data, false, null, InferenceEngine.ONNX);
            assertTrue(r.scope().startsWith("test set saved in the model"), r.scope());
            assertEquals(o.test().accuracy(), r.windows().accuracy(), 1e-12, o.design().label());
        }
    }
}
