package org.triax.model;

/**
 * Anything that turns window tensors into class probabilities: the DJL network
 * ({@link TriaxNetwork#asClassifier()}) or the exported ONNX model run by ONNX Runtime
 * ({@code org.triax.onnx.OnnxNetwork}). Scoring and evaluation run on either. Not thread-safe:
 * call it from one thread at a time. Closing it frees its native memory.
 */
public interface WindowClassifier extends AutoCloseable {

    /**
     * Softmax probabilities of {@code count} window tensors stored back to back in {@code data}
     * ({@code [window][channel][bin][frame]}, already normalised), one row per window.
     */
    float[][] probabilities(float[] data, int count);

    /** Which engine runs it, in words (for messages). */
    String engine();

    @Override
    void close();
}
