package org.triax.dataset;

import java.util.List;
import java.util.stream.IntStream;
import org.triax.signal.Recording;
import org.triax.signal.SpectrogramExtractor;

/**
 * Window tensors of one set, computed once and kept in memory for every epoch: a flat float
 * array of {@code size() x tensorSize()} plus, per window, its label, recording and start sample.
 */
public record SpectrogramSet(float[] data, int tensorSize, int[] labels, int[] recordings, int[] starts) {

    public int size() {
        return labels.length;
    }

    /** Computes the windows of {@code blocks} in parallel (one task per window). */
    public static SpectrogramSet extract(List<SplitPlan.Block> blocks, List<Recording> recordings,
                                         SpectrogramExtractor extractor) {
        int total = 0;
        int[][] startsPerBlock = new int[blocks.size()][];
        for (int b = 0; b < blocks.size(); b++) {
            SplitPlan.Block blk = blocks.get(b);
            startsPerBlock[b] = extractor.windowStarts(blk.from(), blk.to());
            total += startsPerBlock[b].length;
        }
        int[] labels = new int[total];
        int[] recs = new int[total];
        int[] starts = new int[total];
        int k = 0;
        for (int b = 0; b < blocks.size(); b++) {
            for (int s : startsPerBlock[b]) {
                labels[k] = blocks.get(b).label();
                recs[k] = blocks.get(b).recording();
                starts[k++] = s;
            }
        }
        int size = extractor.preprocessing().tensorSize();
        float[] data = new float[Math.multiplyExact(total, size)];
        IntStream.range(0, total).parallel().forEach(i ->
                extractor.window(recordings.get(recs[i]), starts[i], data, i * size));
        return new SpectrogramSet(data, size, labels, recs, starts);
    }

    /** Copies window {@code i} into {@code dst} at {@code offset}. */
    public void copyWindow(int i, float[] dst, int offset) {
        System.arraycopy(data, i * tensorSize, dst, offset, tensorSize);
    }
}
