package org.triax.predict;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.triax.TriaxException;
import org.triax.artifact.ModelArtifact;
import org.triax.artifact.ModelMetadata;
import org.triax.model.TriaxNetwork;
import org.triax.model.WindowClassifier;
import org.triax.onnx.OnnxExport;
import org.triax.onnx.OnnxNetwork;

/**
 * A model ready to score windows: its metadata and a classifier on the chosen engine. Owns the
 * classifier: close it.
 *
 * @param source what is running, in words (file, engine)
 */
public record ScoringModel(ModelMetadata metadata, WindowClassifier classifier, String source)
        implements AutoCloseable {

    /**
     * Opens a model file on an engine. A {@code .onnx} file runs on ONNX Runtime with the
     * metadata from its properties. A {@code .triax} file runs on DJL ({@link InferenceEngine#DJL})
     * or on ONNX Runtime: from the {@code .onnx} beside it when that is the export of these very
     * weights and metadata, else from an export made in memory.
     */
    public static ScoringModel open(Path file, InferenceEngine engine) {
        return open(file, engine, 0);
    }

    /**
     * ONNX Runtime threads per session when {@code sessions} sessions score at once: the cores this
     * process may use (taskset counts) shared among them. ONNX Runtime's own default takes every
     * core per session, and the sessions' spinning pools then fight over them (measured: 2 scoring
     * threads slower than 1 on 2 cores).
     */
    public static int threadsPerSession(int sessions) {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, sessions));
    }

    /**
     * {@link #open(Path, InferenceEngine)} with ONNX Runtime on {@code onnxThreads} threads per batch
     * (0: its default, every core; 1 for one session per scoring thread, {@link BatchScorer}).
     */
    public static ScoringModel open(Path file, InferenceEngine engine, int onnxThreads) {
        if (isOnnx(file)) {
            if (engine == InferenceEngine.DJL) {
                throw new TriaxException(file + " is an ONNX model: --engine djl needs the .triax model file "
                        + "(or use --engine onnx)");
            }
            OnnxNetwork net = OnnxNetwork.open(file, onnxThreads);
            return new ScoringModel(net.metadata(), net, file + " on " + net.engine());
        }
        ModelArtifact artifact = ModelArtifact.load(file);
        ModelMetadata meta = artifact.metadata();
        if (engine == InferenceEngine.DJL) {
            WindowClassifier c = artifact.openNetwork().asClassifier();
            return new ScoringModel(meta, c, file + " on " + c.engine());
        }
        Path beside = OnnxExport.defaultPath(file);
        if (Files.isRegularFile(beside)) {
            OnnxNetwork net = null;
            try {
                net = OnnxNetwork.open(beside, onnxThreads);
            } catch (TriaxException unusable) {
                // a broken or foreign file beside the model: export the model itself instead
            }
            if (net != null && sameModel(net, artifact)) {
                return new ScoringModel(meta, net, beside + " on " + net.engine());
            }
            if (net != null) {
                net.close();
            }
        }
        byte[] onnx;
        try (TriaxNetwork djl = artifact.openNetwork()) {
            onnx = OnnxExport.export(djl, meta).toByteArray();
        }
        OnnxNetwork net = OnnxNetwork.fromBytes(onnx, file + " (exported to ONNX in memory)", onnxThreads);
        return new ScoringModel(meta, net, file + " (exported in memory) on " + net.engine());
    }

    static boolean isOnnx(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith("." + OnnxExport.EXTENSION);
    }

    /** The export of this model: made from the same weights, with the same metadata. */
    private static boolean sameModel(OnnxNetwork onnx, ModelArtifact artifact) {
        if (!OnnxExport.sha256(artifact.weights()).equals(onnx.properties().get(OnnxExport.WEIGHTS_SHA256))) {
            return false;
        }
        JsonNode x = ModelArtifact.JSON.valueToTree(onnx.metadata());
        JsonNode y = ModelArtifact.JSON.valueToTree(artifact.metadata());
        return x.equals(y);
    }

    @Override
    public void close() {
        classifier.close();
    }
}
