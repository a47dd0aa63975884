package org.triax.dataset.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.dataset.DataOptions;
import org.triax.dataset.DatasetLoader;
import org.triax.dataset.Normalization;
import org.triax.dataset.PreparedDataset;
import org.triax.dataset.SpectrogramSet;
import org.triax.dataset.SplitPlan;
import org.triax.dataset.Subset;
import org.triax.dataset.WindowSet;
import org.triax.signal.Preprocessing;
import org.triax.signal.WindowSpec;
import org.triax.testing.TinyData;

/**
 * The spectrogram cache holds exactly the windows the in-memory path prepares (normalised, with
 * labels and positions), is read instead of prepared on a second run, keys every setting that
 * changes the windows, and rebuilds an entry whose shard was damaged.
 */
class SpectrogramCacheTest {
    @TempDir
    static Path shared;
    static DataOptions data;

    @BeforeAll
    static void tinyDataset() {
        Path root = TinyData.dataset(shared.resolve("data"), 3, 3, TinyData.Layout.HEADER_WITH_TIME, 3);
        data = TinyData.quickOptions(root, 7);
    }

    private static String[] open(SpectrogramCache cache, DataOptions o, SpectrogramCache.Entry[] got) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        got[0] = cache.open(o, new PrintStream(log, true, StandardCharsets.UTF_8));
        return log.toString(StandardCharsets.UTF_8).split("\n");
    }

    static void assertSameWindows(WindowSet want, WindowSet got) {
        assertEquals(want.size(), got.size());
        assertArrayEquals(want.labels(), got.labels());
        for (int i = 0; i < want.size(); i++) {
            float[] a = new float[want.tensorSize()];
            float[] b = new float[got.tensorSize()];
            want.window(i).get(a);
            got.window(i).get(b);
            assertArrayEquals(a, b, "window " + i); // bit for bit: assertArrayEquals(float[]) compares exactly
        }
    }

    @Test
    void aSecondRunReadsExactlyTheWindowsTheFirstPrepared(@TempDir Path dir) {
        SpectrogramCache cache = new SpectrogramCache(dir);
        SpectrogramCache.Entry[] e = new SpectrogramCache.Entry[1];
        String[] first = open(cache, data, e);
        assertTrue(e[0].prepared(), String.join("\n", first));
        assertTrue(first[first.length - 1].startsWith("cache: windows prepared"), first[first.length - 1]);
        String[] second = open(cache, data, e);
        assertFalse(e[0].prepared());
        assertTrue(second[0].contains("preparation skipped"), second[0]);

        PreparedDataset memory = DatasetLoader.load(data);
        Normalization norm = Normalization.fit(memory.train(), memory.preprocessing().channelCount());
        memory.normalize(norm);
        assertArrayEquals(norm.mean(), e[0].sets().normalization().mean());
        assertArrayEquals(norm.std(), e[0].sets().normalization().std());
        assertEquals(memory.preprocessing(), e[0].sets().preprocessing());
        assertEquals(memory.plan(), e[0].sets().plan());
        for (Subset s : Subset.values()) {
            assertSameWindows(memory.set(s), e[0].sets().set(s));
            MappedWindows mapped = (MappedWindows) e[0].sets().set(s);
            for (int i = 0; i < mapped.size(); i++) {
                Shard sh = mapped.shard(i);
                int k = mapped.indexInShard(i);
                assertEquals(memory.set(s).recordings()[i], sh.recording(k));
                assertEquals(memory.set(s).starts()[i], sh.start(k));
                assertEquals(s, memory.plan().blocks().get(sh.block(k)).subset());
                assertEquals(sh.recording(k), memory.plan().blocks().get(sh.block(k)).recording());
            }
        }
    }

    /**
     * The entry, prepared one recording at a time, is byte for byte the shards written straight
     * from the windows computed in memory (normalised there), and from windows given in another
     * order, split into smaller shards, it holds the same windows in the same order.
     */
    @Test
    void theStreamedEntryIsTheInMemoryWindowsByteForByte(@TempDir Path dir) throws IOException {
        SpectrogramCache.Entry e = new SpectrogramCache(dir.resolve("cache")).open(data, new PrintStream(
                java.io.OutputStream.nullOutputStream()));
        PreparedDataset memory = DatasetLoader.load(data);
        Preprocessing pre = memory.preprocessing();
        Normalization norm = Normalization.fit(memory.train(), pre.channelCount());
        memory.normalize(norm);
        List<SplitPlan.Block> blocks = memory.plan().blocks();
        for (Subset s : Subset.values()) {
            SpectrogramSet set = memory.set(s);
            Path file = dir.resolve(s + ".shard");
            ShardWriter.write(file, s, pre.channelCount(), pre.bins(), pre.frames(), w -> {
                for (int i = 0; i < set.size(); i++) {
                    int recording = set.recordings()[i];
                    int block = blocks.indexOf(blocks.stream()
                            .filter(b -> b.recording() == recording && b.subset() == s).findFirst().orElseThrow());
                    w.add(set.window(i), set.labels()[i], recording, set.starts()[i], block);
                }
            });
            List<String> names = e.manifest().shards().get(s);
            assertEquals(1, names.size());
            assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(e.dir().resolve(names.get(0))), s.toString());
        }

        Path small = Files.createDirectory(dir.resolve("small"));
        long threeWindows = 3L * 4 * pre.tensorSize();
        List<org.triax.signal.Recording> recordings = DatasetLoader.read(data).recordings();
        EntryShards.Written w = EntryShards.write(small, pre, memory.plan(), sink -> {
            for (int b = blocks.size() - 1; b >= 0; b--) { // in any order
                SplitPlan.Block block = blocks.get(b);
                sink.add(b, SpectrogramSet.windows(recordings.get(block.recording()), block.from(), block.to(),
                        pre.extractor()));
            }
        }, threeWindows);
        assertArrayEquals(norm.mean(), w.normalization().mean());
        assertArrayEquals(norm.std(), w.normalization().std());
        for (Subset s : Subset.values()) {
            List<String> names = w.shards().get(s);
            assertEquals((memory.set(s).size() + 2) / 3, names.size(), s + " in shards of 3 windows");
            List<Shard> shards = names.stream().map(n -> Shard.open(small.resolve(n))).toList();
            assertSameWindows(memory.set(s), new MappedWindows(s, pre.tensorSize(), shards));
        }
        try (Stream<Path> left = Files.list(small)) {
            assertEquals(w.shards().values().stream().mapToInt(List::size).sum(), left.count(), "the shards, no scratch file");
        }
    }

    @Test
    void everySettingThatChangesTheWindowsHasItsOwnEntry(@TempDir Path dir) throws IOException {
        SpectrogramCache cache = new SpectrogramCache(dir);
        SpectrogramCache.Entry[] e = new SpectrogramCache.Entry[1];
        open(cache, data, e);
        Path a = e[0].dir();
        DataOptions otherSeed = new DataOptions(data.root(), data.channels(), data.sampleRate(), data.variable(),
                data.window(), data.stft(), data.protocol(), data.fractions(), 8);
        open(cache, otherSeed, e);
        assertTrue(e[0].prepared());
        Path b = e[0].dir();
        DataOptions otherWindow = new DataOptions(data.root(), data.channels(), data.sampleRate(), data.variable(),
                new WindowSpec(256, 64), data.stft(), data.protocol(), data.fractions(), 7);
        open(cache, otherWindow, e);
        assertTrue(e[0].prepared());
        assertEquals(3, List.of(a, b, e[0].dir()).stream().distinct().count());
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary folder left");
        }
    }

    @Test
    void aTruncatedShardIsRebuiltWithAWarning(@TempDir Path dir) throws IOException {
        SpectrogramCache cache = new SpectrogramCache(dir);
        SpectrogramCache.Entry[] e = new SpectrogramCache.Entry[1];
        open(cache, data, e);
        Path shard = e[0].dir().resolve(e[0].manifest().shards().get(Subset.TRAIN).get(0));
        WindowSet before = e[0].sets().train();
        float[] firstWindow = new float[before.tensorSize()];
        before.window(0).get(firstWindow);
        try (RandomAccessFile raf = new RandomAccessFile(shard.toFile(), "rw")) {
            raf.setLength(raf.length() / 2);
        }
        String[] log = open(cache, data, e);
        assertTrue(log[0].startsWith("triax: warning: " + shard) && log[0].contains("preparing the windows again"), log[0]);
        assertTrue(e[0].prepared());
        float[] again = new float[before.tensorSize()];
        e[0].sets().train().window(0).get(again);
        assertArrayEquals(firstWindow, again);
        assertNotEquals(0, Shard.open(shard).size());
    }
}
