package org.triax.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * One native buffer that every batch of a loop is copied into before the engine reads it.
 *
 * <p>Why: handed a float[], DJL allocates a fresh direct buffer per batch, which only a garbage
 * collection frees; over an epoch those pile up as resident memory and fresh pages. Reusing one
 * buffer costs nothing, provided each batch's arrays are closed before the next fill (each loop
 * works in a per-batch sub-manager).
 */
public final class BatchInput {
    private final NetworkSpec spec;
    private final int windowSize;
    private final ByteBuffer bytes;
    private final FloatBuffer floats;
    private int count;

    public BatchInput(NetworkSpec spec, int batchSize) {
        this.spec = spec;
        this.windowSize = spec.channels() * spec.bins() * spec.frames();
        this.bytes = ByteBuffer.allocateDirect(Math.multiplyExact(batchSize, windowSize) * Float.BYTES)
                .order(ByteOrder.nativeOrder());
        this.floats = bytes.asFloatBuffer();
    }

    /** Starts a new batch (the previous batch's arrays must be closed). */
    public void clear() {
        floats.clear();
        count = 0;
    }

    /** Appends window {@code index} of {@code data}, windows stored back to back. */
    public void add(float[] data, int index) {
        floats.put(data, index * windowSize, windowSize);
        count++;
    }

    /** Appends the window between {@code window}'s position and limit (a heap array or a mapped shard). */
    public void add(FloatBuffer window) {
        floats.put(window.duplicate());
        count++;
    }

    /** The windows added since {@link #clear()} as one N x C x bins x frames array of {@code m}. */
    public NDArray toArray(NDManager m) {
        ByteBuffer view = bytes.duplicate().order(ByteOrder.nativeOrder());
        view.limit(count * windowSize * Float.BYTES);
        return m.create(view.slice().order(ByteOrder.nativeOrder()), Networks.inputShape(spec, count),
                DataType.FLOAT32);
    }
}
