package org.triax.dataset.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.triax.dataset.Subset;

/**
 * One shard of prepared (normalised) spectrogram windows, memory-mapped read only. A shard holds
 * the windows of one subset (train, validation or test) with, per window, its label, recording,
 * start sample and split block, so a trainer needs nothing else.
 *
 * <p>Format (version 1, every number little-endian), laid out so that a writer can stream it to
 * any output stream without seeking (a local file, HDFS) and a reader can map the samples:
 * <pre>
 * offset 0   header, 64 bytes: magic "TRIAXSHD", int32 version (1), int32 subset (0 train,
 *            1 validation, 2 test), int32 channels, int32 bins, int32 frames, zero padding
 * offset 64  N windows of channels x bins x frames float32 each, window after window, in the
 *            network's layout (channel, then frequency bin, then frame)
 *            int32 label[N], int32 recording[N], int32 start[N], int32 block[N]
 * trailer    32 bytes: int64 N, int64 CRC-32C of every byte before the trailer, int64 total file
 *            size, magic "TRIAXEND"
 * </pre>
 * {@code recording} is the recording's index in the dataset's file order, {@code start} its first
 * sample (after any resampling), {@code block} the index of its block in the split plan's list of
 * blocks. A reader checks the magics, the version, the file size the trailer states against the
 * size the header and N give and against the file's, and the checksum, so a truncated, padded or
 * bit-flipped shard is refused ({@link CorruptShardException}) instead of read.
 */
public final class Shard {
    public static final int VERSION = 1;
    public static final String EXTENSION = "shard";
    static final byte[] MAGIC = "TRIAXSHD".getBytes(StandardCharsets.US_ASCII);
    static final byte[] END = "TRIAXEND".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER = 64;
    static final int TRAILER = 32;
    /** Windows per mapping, so that one mapping stays under a ByteBuffer's 2 GiB. */
    private static final long MAP_BYTES = 1L << 30;

    private final Path file;
    private final Subset subset;
    private final int channels;
    private final int bins;
    private final int frames;
    private final int[] labels;
    private final int[] recordings;
    private final int[] starts;
    private final int[] blocks;
    private final List<FloatBuffer> maps;
    private final int windowsPerMap;

    private Shard(Path file, Subset subset, int channels, int bins, int frames, int[][] columns,
                  List<FloatBuffer> maps, int windowsPerMap) {
        this.file = file;
        this.subset = subset;
        this.channels = channels;
        this.bins = bins;
        this.frames = frames;
        this.labels = columns[0];
        this.recordings = columns[1];
        this.starts = columns[2];
        this.blocks = columns[3];
        this.maps = maps;
        this.windowsPerMap = windowsPerMap;
    }

    /**
     * Checks {@code file} whole (sizes and checksum, read sequentially, not through the mapping)
     * and maps its samples.
     *
     * @throws CorruptShardException when it is truncated, altered or not a shard
     */
    public static Shard open(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < HEADER + TRAILER) {
                throw new CorruptShardException(file, "only " + size + " bytes, shorter than a shard's header and trailer");
            }
            ByteBuffer trailer = read(ch, size - TRAILER, TRAILER);
            long windows = trailer.getLong();
            long crc = trailer.getLong();
            long stated = trailer.getLong();
            if (!matches(trailer, END) || stated != size) {
                throw new CorruptShardException(file, "its trailer is missing or states " + stated + " bytes for a file of "
                        + size + " (truncated or not written to the end)");
            }
            ByteBuffer header = read(ch, 0, HEADER);
            if (!matches(header, MAGIC)) {
                throw new CorruptShardException(file, "not a triax shard (no TRIAXSHD header)");
            }
            int version = header.getInt();
            if (version != VERSION) {
                throw new CorruptShardException(file, "shard format version " + version + ", this triax reads "
                        + VERSION);
            }
            int subsetCode = header.getInt();
            int channels = header.getInt();
            int bins = header.getInt();
            int frames = header.getInt();
            if (subsetCode < 0 || subsetCode >= Subset.values().length || channels <= 0 || bins <= 0 || frames <= 0
                    || windows < 0 || windows > Integer.MAX_VALUE) {
                throw new CorruptShardException(file, "impossible header (subset " + subsetCode + ", " + channels + " x "
                        + bins + " x " + frames + ", " + windows + " windows)");
            }
            long windowBytes = 4L * channels * bins * frames;
            long expected = HEADER + windows * (windowBytes + 16) + TRAILER;
            if (expected != size) {
                throw new CorruptShardException(file, size + " bytes where " + windows + " windows of " + channels + " x "
                        + bins + " x " + frames + " take " + expected);
            }
            long actualCrc = checksum(ch, size - TRAILER);
            if (actualCrc != crc) {
                throw new CorruptShardException(file, "checksum mismatch (stored " + Long.toHexString(crc) + ", computed "
                        + Long.toHexString(actualCrc) + ")");
            }
            int n = (int) windows;
            int[][] columns = new int[4][n];
            ByteBuffer cols = read(ch, HEADER + n * windowBytes, 16L * n);
            for (int[] column : columns) {
                for (int i = 0; i < n; i++) {
                    column[i] = cols.getInt();
                }
            }
            int perMap = (int) Math.max(1, Math.min(n, MAP_BYTES / windowBytes));
            List<FloatBuffer> maps = new ArrayList<>();
            for (int from = 0; from < n; from += perMap) {
                int count = Math.min(perMap, n - from);
                MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, HEADER + from * windowBytes, count * windowBytes);
                maps.add(m.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer());
            }
            return new Shard(file, Subset.values()[subsetCode], channels, bins, frames, columns, maps, perMap);
        } catch (IOException e) {
            throw new CorruptShardException(file, "unreadable (" + e.getMessage() + ")");
        }
    }

    private static ByteBuffer read(FileChannel ch, long position, long length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(length)).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, position + b.position()) < 0) {
                throw new IOException("end of file at " + (position + b.position()));
            }
        }
        return b.flip();
    }

    private static boolean matches(ByteBuffer b, byte[] magic) {
        byte[] got = new byte[magic.length];
        b.get(got);
        return java.util.Arrays.equals(got, magic);
    }

    private static long checksum(FileChannel ch, long length) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
        for (long pos = 0; pos < length; ) {
            buf.clear().limit((int) Math.min(buf.capacity(), length - pos));
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("end of file at " + pos);
            }
            pos += n;
            crc.update(buf.flip());
        }
        return crc.getValue();
    }

    public Path file() {
        return file;
    }

    public Subset subset() {
        return subset;
    }

    public int size() {
        return labels.length;
    }

    public int channels() {
        return channels;
    }

    public int bins() {
        return bins;
    }

    public int frames() {
        return frames;
    }

    public int tensorSize() {
        return channels * bins * frames;
    }

    /** Window {@code i}'s floats, read only, straight from the mapping (nothing copied). */
    public FloatBuffer window(int i) {
        int t = tensorSize();
        FloatBuffer m = maps.get(i / windowsPerMap).duplicate();
        int at = (i % windowsPerMap) * t;
        return m.position(at).limit(at + t);
    }

    public int label(int i) {
        return labels[i];
    }

    public int recording(int i) {
        return recordings[i];
    }

    public int start(int i) {
        return starts[i];
    }

    public int block(int i) {
        return blocks[i];
    }

    int[] labels() {
        return labels;
    }
}
