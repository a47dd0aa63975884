package org.triax.onnx;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.triax.TriaxException;
import org.triax.artifact.ModelArtifact;
import org.triax.artifact.ModelMetadata;
import org.triax.model.NetworkSpec;
import org.triax.model.WindowClassifier;

/**
 * A triax model exported to ONNX ({@link OnnxExport}), run by ONNX Runtime on the CPU: batches of
 * window tensors in, class probabilities out. Its {@link ModelMetadata} comes from the file's
 * {@code triax.metadata_json} property. Holds a native session: close it. Safe for concurrent use
 * (one input buffer per thread), so that one session can serve every task of a Spark executor.
 */
public final class OnnxNetwork implements WindowClassifier {
    /** Windows per ONNX Runtime call. */
    public static final int BATCH = 64;

    private final String source;
    private final ModelMetadata meta;
    private final Map<String, String> properties;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final int tensorSize;
    private final ThreadLocal<FloatBuffer> input;

    private OnnxNetwork(String source, Map<String, String> properties, OrtEnvironment env, OrtSession session) {
        this.source = source;
        this.properties = Map.copyOf(properties);
        this.meta = metadata(properties, source);
        this.env = env;
        this.session = session;
        NetworkSpec spec = meta.network();
        this.tensorSize = spec.channels() * spec.bins() * spec.frames();
        int floats = BATCH * tensorSize;
        this.input = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(floats * Float.BYTES)
                .order(ByteOrder.nativeOrder()).asFloatBuffer());
    }

    /** Opens a {@code .onnx} file written by triax. */
    public static OnnxNetwork open(Path file) {
        return open(file, 0);
    }

    /**
     * Opens a {@code .onnx} file written by triax, running each batch on {@code threads} threads
     * (0: ONNX Runtime's default, every core; 1 where several sessions score at once, one per
     * thread, so that their thread pools do not spin against each other).
     */
    public static OnnxNetwork open(Path file, int threads) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new TriaxException("model file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new TriaxException(file + ": unreadable model file (" + e.getMessage() + ")", e);
        }
        return fromBytes(bytes, file.toString(), threads);
    }

    /** Loads an ONNX model held in memory; {@code source} names it in messages. */
    public static OnnxNetwork fromBytes(byte[] bytes, String source) {
        return fromBytes(bytes, source, 0);
    }

    /** Loads an ONNX model held in memory on {@code threads} intra-op threads ({@link #open(Path, int)}). */
    public static OnnxNetwork fromBytes(byte[] bytes, String source, int threads) {
        Map<String, String> props = readProperties(bytes, source);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (threads > 0) {
                options.setIntraOpNumThreads(threads);
            }
            // idle intra-op threads sleep instead of spinning: the spectrograms of the next chunk are
            // computed on the same cores while the network runs (long recording: the same windows/s on a quiet
            // machine, 1.3x fp32 and 1.9x int8 on one where other work shares the cores)
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            session = env.createSession(bytes, options);
        } catch (OrtException e) {
            throw new TriaxException(source + ": ONNX Runtime cannot load this model (" + firstLine(e) + ")", e);
        }
        try {
            if (!session.getInputNames().contains(OnnxExport.INPUT) || !session.getOutputNames().contains(OnnxExport.OUTPUT)) {
                throw new TriaxException(source + ": not a triax ONNX model (inputs " + session.getInputNames()
                        + ", outputs " + session.getOutputNames() + "; expected " + OnnxExport.INPUT + " -> "
                        + OnnxExport.OUTPUT + ")");
            }
            return new OnnxNetwork(source, props, env, session);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    /**
     * The metadata properties of an ONNX model file's bytes, checked: an ONNX model, written by
     * triax, in a format version this triax reads.
     */
    public static Map<String, String> readProperties(byte[] bytes, String source) {
        OnnxMl.ModelProto model;
        try {
            model = OnnxMl.ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new TriaxException(source + ": not an ONNX model (" + firstLine(e) + ")", e);
        }
        if (model.getIrVersion() <= 0 || !model.hasGraph() || model.getGraph().getNodeCount() == 0) {
            throw new TriaxException(source + ": not an ONNX model (no IR version or no graph)");
        }
        Map<String, String> props = new HashMap<>();
        model.getMetadataPropsList().forEach(e -> props.put(e.getKey(), e.getValue()));
        String version = props.get(OnnxExport.KEY_FORMAT_VERSION);
        if (version == null) {
            throw new TriaxException(source + ": an ONNX model, but not one exported by triax (no "
                    + OnnxExport.KEY_FORMAT_VERSION + " metadata property"
                    + (model.getProducerName().isEmpty() ? "" : "; produced by '" + model.getProducerName() + "'") + ")");
        }
        int v;
        try {
            v = Integer.parseInt(version.trim());
        } catch (NumberFormatException e) {
            throw new TriaxException(source + ": bad " + OnnxExport.KEY_FORMAT_VERSION + " '" + version + "'", e);
        }
        if (v > OnnxExport.FORMAT_VERSION) {
            throw new TriaxException(source + ": triax ONNX format version " + v + " is newer than this triax reads ("
                    + OnnxExport.FORMAT_VERSION + "); upgrade triax");
        }
        metadata(props, source); // fail here, before a session is made, when the metadata is unusable
        return props;
    }

    private static ModelMetadata metadata(Map<String, String> props, String source) {
        String json = props.get(OnnxExport.METADATA_JSON);
        if (json == null) {
            throw new TriaxException(source + ": triax ONNX model without its " + OnnxExport.METADATA_JSON + " property");
        }
        return ModelArtifact.parseMetadata(Path.of(source), json.getBytes(StandardCharsets.UTF_8));
    }

    /** The model's {@code triax.*} metadata properties (and any others it has). */
    public Map<String, String> properties() {
        return properties;
    }

    public ModelMetadata metadata() {
        return meta;
    }

    public String source() {
        return source;
    }

    @Override
    public String engine() {
        return "ONNX Runtime " + env.getVersion();
    }

    @Override
    public float[][] probabilities(float[] data, int count) {
        if ((long) count * tensorSize > data.length) {
            throw new TriaxException(source + ": " + count + " windows need " + (long) count * tensorSize
                    + " floats, got " + data.length);
        }
        NetworkSpec spec = meta.network();
        float[][] out = new float[count][];
        for (int from = 0; from < count; from += BATCH) {
            int n = Math.min(BATCH, count - from);
            FloatBuffer in = input.get();
            in.clear();
            in.put(data, from * tensorSize, n * tensorSize);
            in.flip();
            long[] shape = {n, spec.channels(), spec.bins(), spec.frames()};
            try (OnnxTensor x = OnnxTensor.createTensor(env, in, shape);
                    OrtSession.Result r = session.run(Map.of(OnnxExport.INPUT, x))) {
                float[][] p = (float[][]) r.get(OnnxExport.OUTPUT).orElseThrow().getValue();
                System.arraycopy(p, 0, out, from, n);
            } catch (OrtException e) {
                throw new IllegalStateException(source + ": ONNX Runtime failed: " + e.getMessage(), e);
            }
        }
        return out;
    }

    @Override
    public void close() {
        closeQuietly(session);
    }

    private static void closeQuietly(OrtSession s) {
        try {
            s.close();
        } catch (OrtException ignored) {
            // nothing to do: the session is gone either way
        }
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse("").trim();
    }
}
