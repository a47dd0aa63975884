package org.triax.dataset.cache;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.triax.TriaxException;
import org.triax.dataset.Normalization;
import org.triax.dataset.SplitPlan;
import org.triax.dataset.Subset;
import org.triax.io.AtomicFiles;
import org.triax.signal.Preprocessing;
import org.triax.signal.SpectrogramExtractor;

/**
 * Writes the shards of a cache entry from the windows of one block at a time, so that the heap
 * holds one recording's windows whatever the dataset's size. The blocks' windows, given in any
 * order, go raw to a scratch file; then the training windows are read back in the order of {@code
 * plan.blocks(TRAIN)} for the normalisation statistics (the sums, order and arithmetic of {@link
 * Normalization#fit}), and each subset's windows, in the order of {@code plan.blocks(subset)},
 * are standardised and written to its shards: the entry the windows computed in memory give, byte
 * for byte.
 */
final class EntryShards {
    private static final String SCRATCH = ".raw-windows";

    /** What the manifest says of the shards. */
    record Written(Normalization normalization, Map<Subset, List<String>> shards, Map<Subset, Integer> windows) {
    }

    /** Takes the windows of block {@code block} (its index in {@code plan.blocks()}), in time order. */
    @FunctionalInterface
    interface Sink {
        void add(int block, float[] windows);
    }

    /** Gives every block's windows to the sink, once each, in any order. */
    @FunctionalInterface
    interface Fill {
        void windows(Sink sink) throws IOException;
    }

    private EntryShards() {
    }

    /**
     * The shards of every subset in {@code folder} (hidden from readers until the entry is
     * published), from the windows {@code fill} gives.
     */
    static Written write(Path folder, Preprocessing pre, SplitPlan plan, Fill fill, long shardBytes) throws IOException {
        int size = pre.tensorSize();
        SpectrogramExtractor ex = pre.extractor();
        List<SplitPlan.Block> blocks = plan.blocks();
        long[] firstWindow = new long[blocks.size()];
        Arrays.fill(firstWindow, -1);
        Path scratch = folder.resolve(SCRATCH);
        AtomicFiles.write(scratch, out -> {
            long[] at = {0};
            fill.windows((b, w) -> {
                SplitPlan.Block block = blocks.get(b);
                int n = ex.windowStarts(block.from(), block.to()).length;
                if (firstWindow[b] >= 0 || w.length != n * size) {
                    throw new IllegalStateException((firstWindow[b] >= 0 ? "a second time " : "") + w.length / size
                            + " windows for block " + block + " of " + n);
                }
                firstWindow[b] = at[0];
                at[0] += n;
                try {
                    writeFloats(out, w);
                } catch (IOException e) {
                    throw new TriaxException("cannot write " + scratch + ": " + e.getMessage(), e);
                }
            });
        });
        Map<Subset, Columns> columns = new EnumMap<>(Subset.class);
        for (Subset s : Subset.values()) {
            columns.put(s, new Columns());
        }
        for (int b = 0; b < blocks.size(); b++) {
            SplitPlan.Block block = blocks.get(b);
            if (firstWindow[b] < 0) {
                throw new IllegalStateException("no windows for block " + block);
            }
            int[] starts = ex.windowStarts(block.from(), block.to());
            for (int k = 0; k < starts.length; k++) {
                columns.get(block.subset()).add(block.label(), block.recording(), starts[k], b, firstWindow[b] + k);
            }
        }
        Map<Subset, List<String>> names = new EnumMap<>(Subset.class);
        Map<Subset, Integer> counts = new EnumMap<>(Subset.class);
        int per = (int) Math.max(1, shardBytes / (4L * size));
        Normalization norm;
        try (FileChannel raw = FileChannel.open(scratch, StandardOpenOption.READ)) {
            ByteBuffer bytes = ByteBuffer.allocate(4 * size).order(ByteOrder.LITTLE_ENDIAN);
            float[] window = new float[size];
            Columns train = columns.get(Subset.TRAIN);
            Normalization.Fit fit = new Normalization.Fit(pre.channelCount(), size);
            for (int i = 0; i < train.count; i++) {
                readWindow(raw, train.raw[i] * 4L * size, bytes, window);
                fit.add(window, 1);
            }
            norm = fit.result();
            for (Subset s : Subset.values()) {
                Columns c = columns.get(s);
                List<String> list = new ArrayList<>();
                for (int k = 0; k == 0 || k * (long) per < c.count; k++) {
                    String name = String.format(Locale.ROOT, "%s-%05d.%s", s.name().toLowerCase(Locale.ROOT), k,
                            Shard.EXTENSION);
                    int from = k * per;
                    int to = Math.min(c.count, from + per);
                    ShardWriter.write(folder.resolve(name), s, pre.channelCount(), pre.bins(), pre.frames(), w -> {
                        for (int i = from; i < to; i++) {
                            readWindow(raw, c.raw[i] * 4L * size, bytes, window);
                            norm.apply(window, 1, size);
                            w.add(window, 0, c.label[i], c.recording[i], c.start[i], c.block[i]);
                        }
                    });
                    list.add(name);
                }
                names.put(s, list);
                counts.put(s, c.count);
            }
        }
        Files.delete(scratch);
        return new Written(norm, names, counts);
    }

    private static void writeFloats(OutputStream out, float[] w) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        FloatBuffer floats = bytes.asFloatBuffer();
        for (int at = 0; at < w.length; ) {
            int n = Math.min(floats.capacity(), w.length - at);
            floats.clear();
            floats.put(w, at, n);
            out.write(bytes.array(), 0, 4 * n);
            at += n;
        }
    }

    private static void readWindow(FileChannel raw, long position, ByteBuffer bytes, float[] window) throws IOException {
        bytes.clear();
        while (bytes.hasRemaining()) {
            if (raw.read(bytes, position + bytes.position()) < 0) {
                throw new IOException("scratch file of raw windows ends at " + (position + bytes.position()));
            }
        }
        bytes.flip().asFloatBuffer().get(window);
    }

    /** Per window of a subset: its label, recording, start, block index and place in the scratch file. */
    private static final class Columns {
        int[] label = new int[1024];
        int[] recording = new int[1024];
        int[] start = new int[1024];
        int[] block = new int[1024];
        long[] raw = new long[1024];
        int count;

        void add(int l, int r, int s, int b, long at) {
            if (count == label.length) {
                label = Arrays.copyOf(label, 2 * count);
                recording = Arrays.copyOf(recording, 2 * count);
                start = Arrays.copyOf(start, 2 * count);
                block = Arrays.copyOf(block, 2 * count);
                raw = Arrays.copyOf(raw, 2 * count);
            }
            label[count] = l;
            recording[count] = r;
            start[count] = s;
            block[count] = b;
            raw[count++] = at;
        }
    }
}
