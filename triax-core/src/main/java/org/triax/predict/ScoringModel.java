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
import org.triax.onnx.Int8Export;
import org.triax.onnx.OnnxExport;
import org.triax.onnx.OnnxNetwork;
import org.triax.onnx.Precision;

/**
 * A model ready to score windows: its metadata and a classifier on the chosen engine. Owns the
 * classifier: close it.
 *
 * @param source what is running, in words (file, engine)
 * @param weightsSha256 the SHA-256 of the trained weights ({@link OnnxExport#WEIGHTS_SHA256}: the
 *     {@code .triax} and its exports share it), null when unknown
 */
public record ScoringModel(ModelMetadata metadata, WindowClassifier classifier, String source, String weightsSha256)
        implements AutoCloseable {

    public ScoringModel(ModelMetadata metadata, WindowClassifier classifier, String source) {
        this(metadata, classifier, source, null);
    }

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
        return open(file, engine, onnxThreads, Precision.FP32);
    }

    /**
     * {@link #open(Path, InferenceEngine, int)} at a precision. {@link Precision#INT8} runs the int8
     * model ({@code triax export --precision int8}): a {@code .onnx} file that is one, or for a
     * {@code .triax} the {@code .int8.onnx} beside it, which must be made from these very weights
     * and metadata (it needs the training data to calibrate, so it is never made in memory). A
     * {@code .onnx} file runs at its own precision; asking an fp32 one for int8 is an error.
     */
    public static ScoringModel open(Path file, InferenceEngine engine, int onnxThreads, Precision precision) {
        if (precision == Precision.INT8 && engine == InferenceEngine.DJL) {
            throw new TriaxException("--precision int8 runs on ONNX Runtime: leave out --engine djl");
        }
        if (isOnnx(file)) {
            if (engine == InferenceEngine.DJL) {
                throw new TriaxException(file + " is an ONNX model: --engine djl needs the .triax model file "
                        + "(or use --engine onnx)");
            }
            OnnxNetwork net = OnnxNetwork.open(file, onnxThreads);
            if (precision == Precision.INT8 && Precision.of(net.properties()) != Precision.INT8) {
                net.close();
                throw new TriaxException(file + " is a float32 model: --precision int8 needs its int8 export "
                        + "(triax export --model MODEL.triax --precision int8)");
            }
            return new ScoringModel(net.metadata(), net, file + " on " + net.engine() + label(net),
                    net.properties().get(OnnxExport.WEIGHTS_SHA256));
        }
        ModelArtifact artifact = ModelArtifact.load(file);
        ModelMetadata meta = artifact.metadata();
        String weights = OnnxExport.sha256(artifact.weights());
        if (engine == InferenceEngine.DJL) {
            WindowClassifier c = artifact.openNetwork().asClassifier();
            return new ScoringModel(meta, c, file + " on " + c.engine(), weights);
        }
        if (precision == Precision.INT8) {
            return int8Beside(file, artifact, weights, onnxThreads);
        }
        Path beside = OnnxExport.defaultPath(file);
        if (Files.isRegularFile(beside)) {
            OnnxNetwork net = null;
            try {
                net = OnnxNetwork.open(beside, onnxThreads);
            } catch (TriaxException unusable) {
                // a broken or foreign file beside the model: export the model itself instead
            }
            if (net != null && sameModel(net, artifact, weights) && Precision.of(net.properties()) == Precision.FP32) {
                return new ScoringModel(meta, net, beside + " on " + net.engine(), weights);
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
        return new ScoringModel(meta, net, file + " (exported in memory) on " + net.engine(), weights);
    }

    /** The int8 export beside a {@code .triax} model, refused unless made from its weights and metadata. */
    private static ScoringModel int8Beside(Path file, ModelArtifact artifact, String weights, int onnxThreads) {
        Path beside = Int8Export.defaultPath(file);
        String fix = ": run triax export --model " + file + " --precision int8";
        if (!Files.isRegularFile(beside)) {
            throw new TriaxException("no int8 model beside " + file + " (" + beside.getFileName() + ")" + fix);
        }
        OnnxNetwork net = OnnxNetwork.open(beside, onnxThreads);
        if (!sameModel(net, artifact, weights) || Precision.of(net.properties()) != Precision.INT8) {
            net.close();
            throw new TriaxException(beside + " is not the int8 export of " + file + " (other weights or metadata)"
                    + fix + " after removing it");
        }
        return new ScoringModel(artifact.metadata(), net, beside + " on " + net.engine() + label(net), weights);
    }

    private static String label(OnnxNetwork net) {
        return Precision.of(net.properties()) == Precision.INT8 ? " (int8)" : "";
    }

    static boolean isOnnx(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith("." + OnnxExport.EXTENSION);
    }

    /** The export of this model: made from the same weights, with the same metadata. */
    private static boolean sameModel(OnnxNetwork onnx, ModelArtifact artifact, String weights) {
        if (!weights.equals(onnx.properties().get(OnnxExport.WEIGHTS_SHA256))) {
            return false;
        }
        JsonNode x = ModelArtifact.JSON.valueToTree(onnx.metadata());
        JsonNode y = ModelArtifact.JSON.valueToTree(artifact.metadata());
        return x.equals(y);
    }

    /** The precision the network runs at: an ONNX model's own, else float32. */
    public Precision precision() {
        return classifier instanceof OnnxNetwork n ? Precision.of(n.properties()) : Precision.FP32;
    }

    @Override
    public void close() {
        classifier.close();
    }
}
