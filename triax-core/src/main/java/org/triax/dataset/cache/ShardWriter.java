package org.triax.dataset.cache;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.triax.TriaxException;
import org.triax.dataset.Subset;
import org.triax.io.AtomicFiles;

/**
 * Streams one {@link Shard} (format there) to an output stream: the header first, then each
 * window as it is added, then the per-window columns and the trailer on {@link #finish()}. Nothing
 * is buffered but the columns (16 bytes a window), so a shard can be larger than the heap.
 * {@link #write(Path, Subset, int, int, int, Fill)} makes the file appear whole or not at all.
 */
public final class ShardWriter {

    /** Adds a shard's windows. */
    @FunctionalInterface
    public interface Fill {
        void windows(ShardWriter w) throws IOException;
    }

    private final OutputStream out;
    private final CRC32C crc = new CRC32C();
    private final int tensorSize;
    private final ByteBuffer bytes;
    private long written;
    private int count;
    private int[][] columns = new int[4][1024];
    private boolean finished;

    /** Starts a shard of {@code subset}'s windows of {@code channels x bins x frames} on {@code out} (not closed). */
    public ShardWriter(OutputStream out, Subset subset, int channels, int bins, int frames) throws IOException {
        if (channels <= 0 || bins <= 0 || frames <= 0) {
            throw new IllegalArgumentException("window shape " + channels + " x " + bins + " x " + frames);
        }
        this.out = new BufferedOutputStream(out, 1 << 16);
        this.tensorSize = Math.multiplyExact(Math.multiplyExact(channels, bins), frames);
        this.bytes = ByteBuffer.allocate(Math.multiplyExact(tensorSize, Float.BYTES)).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer h = ByteBuffer.allocate(Shard.HEADER).order(ByteOrder.LITTLE_ENDIAN);
        h.put(Shard.MAGIC).putInt(Shard.VERSION).putInt(subset.ordinal()).putInt(channels).putInt(bins).putInt(frames);
        emit(h.array(), Shard.HEADER);
    }

    /**
     * Writes a shard file atomically ({@link AtomicFiles}: hidden temporary file, fsync, then the
     * name): a reader never sees a half-written shard under {@code file}, and a crash leaves none.
     *
     * @throws TriaxException when {@code file} exists or cannot be written
     */
    public static void write(Path file, Subset subset, int channels, int bins, int frames, Fill fill) {
        AtomicFiles.write(file, out -> {
            ShardWriter w = new ShardWriter(out, subset, channels, bins, frames);
            fill.windows(w);
            w.finish();
        });
    }

    /** Appends one window ({@code tensorSize} floats of {@code data} from {@code offset}) and what it is. */
    public void add(float[] data, int offset, int label, int recording, int start, int block) throws IOException {
        add(FloatBuffer.wrap(data, offset, tensorSize), label, recording, start, block);
    }

    /** Appends the window between {@code window}'s position and limit (exactly {@code tensorSize} floats). */
    public void add(FloatBuffer window, int label, int recording, int start, int block) throws IOException {
        if (finished) {
            throw new IllegalStateException("shard already finished");
        }
        if (window.remaining() != tensorSize) {
            throw new IllegalArgumentException(window.remaining() + " floats for a window of " + tensorSize);
        }
        bytes.clear();
        bytes.asFloatBuffer().put(window.duplicate());
        emit(bytes.array(), bytes.capacity());
        if (count == columns[0].length) {
            for (int c = 0; c < columns.length; c++) {
                columns[c] = Arrays.copyOf(columns[c], 2 * count);
            }
        }
        columns[0][count] = label;
        columns[1][count] = recording;
        columns[2][count] = start;
        columns[3][count] = block;
        count++;
    }

    /** Windows added so far. */
    public int count() {
        return count;
    }

    /** Writes the columns and the trailer and flushes; the stream stays open. */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        ByteBuffer col = ByteBuffer.allocate(4 * count).order(ByteOrder.LITTLE_ENDIAN);
        for (int[] column : columns) {
            col.clear();
            for (int i = 0; i < count; i++) {
                col.putInt(column[i]);
            }
            emit(col.array(), col.position());
        }
        ByteBuffer t = ByteBuffer.allocate(Shard.TRAILER).order(ByteOrder.LITTLE_ENDIAN);
        t.putLong(count).putLong(crc.getValue()).putLong(written + Shard.TRAILER).put(Shard.END);
        out.write(t.array());
        out.flush();
    }

    private void emit(byte[] b, int len) throws IOException {
        out.write(b, 0, len);
        crc.update(b, 0, len);
        written += len;
    }
}
