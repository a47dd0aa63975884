package org.triax.dataset;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.stream.IntStream;
import org.triax.signal.Recording;
import org.triax.signal.SpectrogramExtractor;

/**
 * Window tensors of one set, computed once and kept in memory for every epoch: a flat float
 * array of {@code size() x tensorSize()} plus, per window, its label, recording and start sample.
 */
public record SpectrogramSet(float[] data, int tensorSize, int[] labels, int[] recordings, int[] starts)
        implements WindowSet {

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public FloatBuffer window(int i) {
        return FloatBuffer.wrap(data, i * tensorSize, tensorSize).asReadOnlyBuffer();
    }

    /** Computes the windows of {@code blocks} in parallel (one task per window). */
    public static SpectrogramSet extract(List<SplitPlan.Block> blocks, List<Recording> recordings,
                                         SpectrogramExtractor extractor) {
        Layout w = Layout.of(blocks, extractor);
        int size = extractor.preprocessing().tensorSize();
        float[] data = new float[Math.multiplyExact(w.size(), size)];
        IntStream.range(0, w.size()).parallel().forEach(i ->
                extractor.window(recordings.get(w.recordings[i]), w.starts[i], data, i * size));
        return new SpectrogramSet(data, size, w.labels, w.recordings, w.starts);
    }

    /**
     * The windows of samples {@code [from, to)} of one recording, in time order, as {@link #extract}
     * lays out a block's (computed in parallel, the frames that overlapping windows share once:
     * {@link SpectrogramExtractor#windowsInParallel}, the same values).
     */
    public static float[] windows(Recording recording, int from, int to, SpectrogramExtractor extractor) {
        int[] starts = extractor.windowStarts(from, to);
        float[] data = new float[Math.multiplyExact(starts.length, extractor.preprocessing().tensorSize())];
        extractor.windowsInParallel(recording.samples(), starts, 0, starts.length, data, 0);
        return data;
    }

    /** Copies window {@code i} into {@code dst} at {@code offset}. */
    public void copyWindow(int i, float[] dst, int offset) {
        System.arraycopy(data, i * tensorSize, dst, offset, tensorSize);
    }

    /** Where the windows of a list of blocks lie, block after block, each block's in time order. */
    record Layout(int[] blocks, int[] labels, int[] recordings, int[] starts) {
        static Layout of(List<SplitPlan.Block> list, SpectrogramExtractor extractor) {
            int total = 0;
            int[][] startsPerBlock = new int[list.size()][];
            for (int b = 0; b < list.size(); b++) {
                startsPerBlock[b] = extractor.windowStarts(list.get(b).from(), list.get(b).to());
                total += startsPerBlock[b].length;
            }
            Layout w = new Layout(new int[total], new int[total], new int[total], new int[total]);
            int k = 0;
            for (int b = 0; b < list.size(); b++) {
                for (int s : startsPerBlock[b]) {
                    w.blocks[k] = b;
                    w.labels[k] = list.get(b).label();
                    w.recordings[k] = list.get(b).recording();
                    w.starts[k++] = s;
                }
            }
            return w;
        }

        int size() {
            return labels.length;
        }
    }
}
