package org.triax.dataset;

import java.nio.FloatBuffer;

/**
 * Normalised window tensors of one set with their labels, wherever they live: in a heap array
 * ({@link SpectrogramSet}) or in memory-mapped cache shards ({@link org.triax.dataset.cache.MappedWindows}).
 * Training reads them one window at a time, so a mapped set never has to fit in the heap.
 */
public interface WindowSet {
    int size();

    /** Floats per window: channels x bins x frames. */
    int tensorSize();

    /** The class of each window. */
    int[] labels();

    /** Window {@code i} as {@link #tensorSize()} floats between the buffer's position and limit (read only). */
    FloatBuffer window(int i);
}
