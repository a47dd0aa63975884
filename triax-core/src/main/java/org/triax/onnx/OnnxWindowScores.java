package org.triax.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;
import org.triax.TriaxException;

/**
 * An ONNX model that maps window tensors to one score each (the anomaly models' autoencoder
 * export, output {@link AutoencoderOnnx#SCORE}), run by ONNX Runtime on the CPU. Safe to call from
 * several threads (ONNX Runtime sessions are). Holds a native session: close it.
 */
public final class OnnxWindowScores implements AutoCloseable {
    /**
     * Windows per ONNX Runtime call: small, so that a layer's activations stay in the core's cache
     * (the autoencoder's first layers hold 115 KB per window). On XJTU's 63 windows of 2 x 65 x 57:
     * 8 per call 13.7 ms, 64 per call 17.2 ms of CPU (both from a direct buffer; 18.5 ms from the heap).
     */
    public static final int BATCH = 8;
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final long[] windowShape;
    private final int tensorSize;
    private final String source;
    /** Each thread's input buffer: a direct one in native order is handed to ONNX Runtime without a copy. */
    private final ThreadLocal<FloatBuffer> input;

    /** @param windowShape channels, bins, frames of one window */
    public OnnxWindowScores(byte[] model, long[] windowShape, String source) {
        this.windowShape = windowShape.clone();
        this.source = source;
        long size = 1;
        for (long d : windowShape) {
            size *= d;
        }
        this.tensorSize = Math.toIntExact(size);
        this.input = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(BATCH * tensorSize * Float.BYTES)
                .order(ByteOrder.nativeOrder()).asFloatBuffer());
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // callers score several recordings at once, one per core: threads inside a call would only contend
            options.setIntraOpNumThreads(1);
            this.session = env.createSession(model, options);
        } catch (OrtException e) {
            throw new TriaxException(source + ": ONNX Runtime cannot load this model (" + e.getMessage() + ")", e);
        }
    }

    /** The score of each of {@code count} window tensors stored back to back in {@code data}. */
    public float[] scores(float[] data, int count) {
        float[] out = new float[count];
        FloatBuffer in = input.get();
        for (int from = 0; from < count; from += BATCH) {
            int n = Math.min(BATCH, count - from);
            long[] shape = {n, windowShape[0], windowShape[1], windowShape[2]};
            in.clear();
            in.put(data, from * tensorSize, n * tensorSize).flip();
            try (OnnxTensor x = OnnxTensor.createTensor(env, in, shape);
                    OrtSession.Result r = session.run(Map.of(OnnxExport.INPUT, x), java.util.Set.of(AutoencoderOnnx.SCORE))) {
                float[] s = (float[]) r.get(AutoencoderOnnx.SCORE).orElseThrow().getValue();
                System.arraycopy(s, 0, out, from, n);
            } catch (OrtException e) {
                throw new IllegalStateException(source + ": ONNX Runtime failed: " + e.getMessage(), e);
            }
        }
        return out;
    }

    public String engine() {
        return "ONNX Runtime " + env.getVersion();
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException ignored) {
            // gone either way
        }
    }
}
