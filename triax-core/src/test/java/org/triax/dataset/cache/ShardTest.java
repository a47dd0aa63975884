package org.triax.dataset.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.dataset.Subset;

/** The shard format: what is written reads back bit for bit; anything damaged is refused, never read. */
class ShardTest {
    static final int C = 2, BINS = 3, FRAMES = 5, T = C * BINS * FRAMES;

    static float[] windows(int n, long seed) {
        Random r = new Random(seed);
        float[] d = new float[n * T];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) r.nextGaussian();
        }
        return d;
    }

    static Path write(Path file, float[] data, int n) {
        ShardWriter.write(file, Subset.VALIDATION, C, BINS, FRAMES, w -> {
            for (int i = 0; i < n; i++) {
                w.add(data, i * T, i % 3, 10 + i, 100 * i, 7);
            }
        });
        return file;
    }

    @Test
    void windowsAndColumnsReadBackExactly(@TempDir Path dir) {
        float[] data = windows(9, 1);
        Shard s = Shard.open(write(dir.resolve("a.shard"), data, 9));
        assertEquals(Subset.VALIDATION, s.subset());
        assertEquals(9, s.size());
        assertEquals(T, s.tensorSize());
        for (int i = 0; i < 9; i++) {
            float[] got = new float[T];
            s.window(i).get(got);
            float[] want = java.util.Arrays.copyOfRange(data, i * T, (i + 1) * T);
            assertArrayEquals(want, got, "window " + i);
            assertEquals(i % 3, s.label(i));
            assertEquals(10 + i, s.recording(i));
            assertEquals(100 * i, s.start(i));
            assertEquals(7, s.block(i));
        }
        assertEquals(Shard.HEADER + 9L * (4 * T + 16) + Shard.TRAILER, dir.resolve("a.shard").toFile().length());
    }

    @Test
    void anEmptyShardIsValid(@TempDir Path dir) {
        assertEquals(0, Shard.open(write(dir.resolve("e.shard"), new float[0], 0)).size());
    }

    @Test
    void mappedWindowsSpanShardsInOrder(@TempDir Path dir) {
        float[] a = windows(4, 2);
        float[] b = windows(3, 3);
        MappedWindows w = new MappedWindows(Subset.VALIDATION, T, List.of(Shard.open(write(dir.resolve("a.shard"), a, 4)),
                Shard.open(write(dir.resolve("e.shard"), a, 0)), Shard.open(write(dir.resolve("b.shard"), b, 3))));
        assertEquals(7, w.size());
        FloatBuffer fifth = w.window(5);
        assertEquals(b[T], fifth.get(fifth.position()));
        assertArrayEquals(new int[] {0, 1, 2, 0, 0, 1, 2}, w.labels());
        assertEquals(1, w.indexInShard(5));
    }

    @Test
    void aTruncatedShardIsRefused(@TempDir Path dir) throws IOException {
        Path f = write(dir.resolve("t.shard"), windows(5, 4), 5);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(raf.length() - 40);
        }
        CorruptShardException e = assertThrows(CorruptShardException.class, () -> Shard.open(f));
        assertTrue(e.getMessage().contains("t.shard") && e.getMessage().contains("trailer"), e.getMessage());
    }

    @Test
    void aFlippedBitIsCaughtByTheChecksum(@TempDir Path dir) throws IOException {
        Path f = write(dir.resolve("f.shard"), windows(5, 5), 5);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.seek(Shard.HEADER + 4L * T + 3);
            int b = raf.read();
            raf.seek(Shard.HEADER + 4L * T + 3);
            raf.write(b ^ 0x10);
        }
        CorruptShardException e = assertThrows(CorruptShardException.class, () -> Shard.open(f));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void aWriterThatFailsLeavesNoFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("x.shard");
        float[] data = windows(3, 6);
        assertThrows(IllegalStateException.class, () -> ShardWriter.write(f, Subset.TRAIN, C, BINS, FRAMES, w -> {
            w.add(data, 0, 0, 0, 0, 0);
            throw new IllegalStateException("crash mid-shard");
        }));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.toList(), "no shard and no temporary file");
        }
    }

    @Test
    void notAShardIsRefused(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("n.shard");
        Files.write(f, new byte[200]);
        assertThrows(CorruptShardException.class, () -> Shard.open(f));
    }
}
