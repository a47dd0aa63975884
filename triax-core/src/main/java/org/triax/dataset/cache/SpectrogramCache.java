package org.triax.dataset.cache;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.triax.TriaxException;
import org.triax.dataset.DataOptions;
import org.triax.dataset.DatasetIndex;
import org.triax.dataset.DatasetLoader;
import org.triax.dataset.DatasetProperties;
import org.triax.dataset.Fingerprint;
import org.triax.dataset.DatasetShape;
import org.triax.dataset.RecordingSource;
import org.triax.dataset.SpectrogramSet;
import org.triax.dataset.SplitPlan;
import org.triax.dataset.Subset;
import org.triax.dataset.TrainingSets;
import org.triax.io.AtomicFiles;
import org.triax.signal.Preprocessing;
import org.triax.signal.ReadNotes;
import org.triax.signal.Recording;

/**
 * The on-disk cache of prepared (normalised) training, validation and test windows: one folder per
 * entry, {@code <cache>/<key>/}, holding {@link Shard}s and the {@link CacheManifest}. The key is
 * the SHA-256 of the dataset's {@link Fingerprint} (every recording's path, class and bytes), the
 * dataset's {@code triax.properties} and every option that changes the windows (channels, rates,
 * resampling, variable, window, STFT, input transform, split protocol, fractions, seed, grouping
 * and its groups, fixed test groups) and the triax version, so a second run on the same data with
 * the same settings reads the windows instead of preparing them, and any change prepares a new
 * entry. An entry appears whole: it is written into a hidden sibling folder, every shard synced,
 * then renamed into place, so a crash leaves no entry that looks usable. An entry whose manifest
 * or shards fail their checks is set aside with a warning and prepared again.
 */
public final class SpectrogramCache {
    /** Bytes of samples per shard before the next one starts (a shard stays easy to copy and map). */
    static final long SHARD_BYTES = 512L << 20;

    private final Path root;

    public SpectrogramCache(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** {@code $XDG_CACHE_HOME/triax}, else {@code ~/.cache/triax}. */
    public static Path defaultRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("triax");
    }

    /** A prepared dataset from the cache: its sets are mapped shards. */
    public record Entry(Path dir, CacheManifest manifest, TrainingSets sets, boolean prepared) {
    }

    /**
     * The entry of {@code o}'s data and settings: read when it exists and is sound, else prepared
     * (surveyed, split, spectrograms streamed to the shards one recording at a time, normalisation
     * fitted on train), written and then read. Prints
     * which of the two happened. What the readers left out or assumed is in the manifest's
     * {@code readNotes}, whether the entry was prepared now or before.
     */
    public Entry open(DataOptions o, PrintStream log) {
        return open(o, log, null);
    }

    /**
     * {@link #open(DataOptions, PrintStream)}, with {@code companion} (null: none) derived from the
     * recordings and written into a new entry (each recording is read once for its windows and the
     * companion together); see {@link #companion}.
     */
    public Entry open(DataOptions o, PrintStream log, Companion companion) {
        return open(o, log, companion, null);
    }

    /**
     * How an entry's windows are computed elsewhere once the dataset is surveyed and split: a
     * function giving each block's windows in time order (as {@link SpectrogramSet#windows} lays
     * them out), asked for block after block of {@code plan.blocks()}.
     */
    @FunctionalInterface
    public interface Preparation {
        Function<SplitPlan.Block, float[]> prepare(DatasetShape dataset, SplitPlan plan);
    }

    /**
     * {@link #open(DataOptions, PrintStream, Companion)} with the spectrograms computed by {@code
     * preparation} (null: here; on a Spark cluster: triax-spark's PrepareJob); the entry is the same,
     * byte for byte. The dataset is surveyed (recordings read one at a time, samples dropped), split,
     * and its windows streamed to the shards ({@link EntryShards}): the heap never holds the dataset.
     */
    public Entry open(DataOptions o, PrintStream log, Companion companion, Preparation preparation) {
        DatasetIndex index = DatasetIndex.scan(o.root());
        String fingerprint = Fingerprint.of(index);
        String settings = settings(o, index);
        String key = key(settings, fingerprint);
        Path dir = root.resolve(key);
        if (Files.isDirectory(dir)) {
            try {
                Entry e = read(dir, index, key);
                log.printf("cache: windows read from %s (prepared %s): preparation skipped%n", dir,
                        e.manifest().createdAt());
                return e;
            } catch (CorruptShardException bad) {
                log.println("triax: warning: " + bad.getMessage() + "; preparing the windows again");
                setAside(dir);
            }
        }
        long t0 = System.nanoTime();
        ReadNotes readNotes = new ReadNotes();
        DatasetShape shape = DatasetLoader.survey(o, index, readNotes);
        SplitPlan plan = DatasetLoader.plan(shape, o);
        Preprocessing pre = shape.preprocessing();
        try {
            AtomicFiles.writeFolder(dir, tmp -> {
                EntryShards.Written w = EntryShards.write(tmp, pre, plan, sink -> {
                    RecordingSource recordings = RecordingSource.reading(o, index, pre);
                    byte[] derived = null;
                    if (preparation == null) {
                        Windowing windowing = new Windowing(recordings, plan, sink);
                        derived = companion == null ? null : companion.derive(windowing.source(), plan);
                        windowing.rest();
                    } else {
                        Function<SplitPlan.Block, float[]> prepared = preparation.prepare(shape, plan);
                        for (int b = 0; b < plan.blocks().size(); b++) {
                            sink.add(b, prepared.apply(plan.blocks().get(b)));
                        }
                        derived = companion == null ? null : companion.derive(recordings, plan);
                    }
                    if (derived != null) {
                        AtomicFiles.write(tmp.resolve(companion.fileName()), derived);
                    }
                }, SHARD_BYTES);
                CacheManifest manifest = new CacheManifest(CacheManifest.FORMAT, Shard.VERSION, key, settings, fingerprint,
                        index.classes(), pre, plan, w.normalization(), shape.variable(), shape.notes(), readNotes.lines(),
                        w.shards(), w.windows(), OffsetDateTime.now().withNano(0).toString());
                AtomicFiles.write(tmp.resolve(CacheManifest.FILE_NAME), manifest.toJson()); // last: the entry is whole
            });
        } catch (TriaxException raced) {
            if (!Files.exists(dir.resolve(CacheManifest.FILE_NAME))) {
                throw raced;
            } // another run wrote the same entry first: the same windows
        }
        Entry e = read(dir, index, key);
        log.printf("cache: windows prepared in %.1f s and written to %s (%.1f MB)%n", (System.nanoTime() - t0) / 1e9, dir,
                4e-6 * pre.tensorSize() * e.manifest().windows().values().stream().mapToLong(Integer::longValue).sum());
        return new Entry(e.dir(), e.manifest(), e.sets(), true);
    }

    /**
     * The recordings one at a time, each one's windows given to the sink when it is first read:
     * whoever reads the recordings (the companion) computes the windows on the way, so every
     * recording is read once for both. {@link #rest} reads those nobody asked for.
     */
    private static final class Windowing {
        private final RecordingSource recordings;
        private final SplitPlan plan;
        private final EntryShards.Sink sink;
        /** Per recording, the indices of its blocks in the plan (none: not in the split). */
        private final List<List<Integer>> blocksOf = new ArrayList<>();
        private final boolean[] done;

        Windowing(RecordingSource recordings, SplitPlan plan, EntryShards.Sink sink) {
            this.recordings = recordings;
            this.plan = plan;
            this.sink = sink;
            int n = recordings.index().files().size();
            this.done = new boolean[n];
            for (int r = 0; r < n; r++) {
                blocksOf.add(new ArrayList<>());
            }
            for (int b = 0; b < plan.blocks().size(); b++) {
                blocksOf.get(plan.blocks().get(b).recording()).add(b);
            }
        }

        /** The recordings as the companion reads them: each one's windows go to the sink on its first read. */
        RecordingSource source() {
            return RecordingSource.of(recordings.index(), recordings.preprocessing(), this::recording);
        }

        private Recording recording(int r) {
            Recording rec = recordings.recording(r);
            if (!done[r]) {
                done[r] = true;
                for (int b : blocksOf.get(r)) {
                    SplitPlan.Block block = plan.blocks().get(b);
                    sink.add(b, SpectrogramSet.windows(rec, block.from(), block.to(),
                            recordings.preprocessing().extractor()));
                }
            }
            return rec;
        }

        /** The windows of the recordings not read yet, in index order. */
        void rest() {
            for (int r = 0; r < done.length; r++) {
                if (!done[r] && !blocksOf.get(r).isEmpty()) {
                    recording(r);
                }
            }
        }
    }

    /**
     * The companion file of an entry: read when the entry has it, else (an entry prepared without
     * it, by an older triax or by Spark's PrepareJob) derived from the recordings, read once more
     * one at a time (the heap need not hold the dataset), and added to the entry.
     */
    public static byte[] companion(Entry e, DataOptions o, Companion companion, PrintStream log) {
        Path file = e.dir().resolve(companion.fileName());
        try {
            if (Files.isRegularFile(file)) {
                return Files.readAllBytes(file);
            }
        } catch (IOException unreadable) {
            throw new TriaxException("cache: cannot read " + file + ": " + unreadable.getMessage()
                    + " (delete the entry to prepare it again)", unreadable);
        }
        log.println("cache: the entry has no " + companion.fileName() + ": reading the recordings once for it");
        byte[] bytes = companion.derive(RecordingSource.reading(o, e.sets().index(), e.sets().preprocessing()),
                e.manifest().plan());
        try {
            AtomicFiles.write(file, bytes);
        } catch (TriaxException raced) {
            // another run added it first: derived from the same recordings and split
        }
        return bytes;
    }

    /**
     * The folder of the entry {@code o}'s windows of {@code index} go to: where a preparer outside
     * this class (Spark's PrepareJob) publishes its shards and manifest for {@code train} to read.
     */
    public Path entryDir(DataOptions o, DatasetIndex index, String fingerprint) {
        return root.resolve(key(o, index, fingerprint));
    }

    /**
     * Reads and checks an entry (its manifest, every shard's size and checksum).
     *
     * @throws CorruptShardException when anything in it is missing, damaged or of another dataset
     */
    public static Entry read(Path dir, DatasetIndex index, String key) {
        CacheManifest m = CacheManifest.read(dir.resolve(CacheManifest.FILE_NAME));
        if (!key.equals(m.key()) || !index.classes().equals(m.classes())) {
            throw new CorruptShardException(dir.resolve(CacheManifest.FILE_NAME), "belongs to another dataset or settings");
        }
        Preprocessing pre = m.preprocessing();
        Map<Subset, MappedWindows> sets = new EnumMap<>(Subset.class);
        for (Subset s : Subset.values()) {
            List<Shard> shards = new ArrayList<>();
            for (String name : m.shards().getOrDefault(s, List.of())) {
                Shard sh = Shard.open(dir.resolve(name));
                if (sh.channels() != pre.channelCount() || sh.bins() != pre.bins() || sh.frames() != pre.frames()) {
                    throw new CorruptShardException(sh.file(), "windows of " + sh.channels() + " x " + sh.bins() + " x "
                            + sh.frames() + " where the manifest says " + pre.channelCount() + " x " + pre.bins() + " x "
                            + pre.frames());
                }
                shards.add(sh);
            }
            MappedWindows w = new MappedWindows(s, pre.tensorSize(), shards);
            if (w.size() != m.windows().getOrDefault(s, -1)) {
                throw new CorruptShardException(dir, s + " has " + w.size() + " windows, the manifest says "
                        + m.windows().get(s));
            }
            sets.put(s, w);
        }
        TrainingSets t = new TrainingSets(index, pre, m.plan(), m.fingerprint(), m.variable(), m.notes(), m.normalization(),
                sets.get(Subset.TRAIN), sets.get(Subset.VALIDATION), sets.get(Subset.TEST));
        return new Entry(dir, m, t, false);
    }

    /** Moves a bad entry out of the way (hidden, then deleted), so the rebuilt one can take its name. */
    private static void setAside(Path dir) {
        Path aside = dir.resolveSibling("." + dir.getFileName() + ".bad-" + System.nanoTime());
        try {
            Files.move(dir, aside);
        } catch (IOException e) {
            throw new TriaxException("cannot set aside the corrupt cache entry " + dir + ": " + e.getMessage()
                    + " (delete it and run again)", e);
        }
        AtomicFiles.deleteTree(aside);
    }

    /** The key of {@code o}'s windows of the dataset {@code index} with fingerprint {@code fingerprint}. */
    public static String key(DataOptions o, DatasetIndex index, String fingerprint) {
        return key(settings(o, index), fingerprint);
    }

    private static String key(String settings, String fingerprint) {
        return sha256(settings + "\0" + fingerprint).substring(0, 32);
    }

    /**
     * The settings that decide the windows, in words: every option of {@code o} but the folder's
     * location, the properties file's content and the triax version.
     */
    static String settings(DataOptions o, DatasetIndex index) {
        String props;
        try {
            Path p = o.root().resolve(DatasetProperties.FILE_NAME);
            props = Files.exists(p) ? sha256(Files.readString(p, StandardCharsets.UTF_8)) : "none";
        } catch (IOException e) {
            throw new TriaxException(o.root().resolve(DatasetProperties.FILE_NAME) + ": unreadable (" + e.getMessage() + ")", e);
        }
        String grouping = o.grouping() == null ? "from properties"
                : o.grouping().rule() + " " + sha256(String.join("\0", o.grouping().groupsOf(index)));
        String version = SpectrogramCache.class.getPackage().getImplementationVersion();
        return "triax " + (version == null ? "dev" : version) + "; shard format " + Shard.VERSION
                + "; channels " + o.channels() + "; fs " + o.sampleRate() + "; variable " + o.variable()
                + "; resample " + o.resample() + "; window " + o.window() + "; stft " + o.stft()
                + "; sizes from data " + new TreeSet<>(o.fromData()) + "; transform " + o.transform()
                + "; split " + o.protocol() + " " + o.fractions() + " seed " + o.seed()
                + "; grouping " + grouping + "; test groups " + o.testGroups() + "; triax.properties " + props;
    }

    static String sha256(String s) {
        return org.triax.io.Sha256.hex(s);
    }
}
