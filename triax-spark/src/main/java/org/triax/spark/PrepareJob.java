package org.triax.spark;

import java.io.PrintStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.triax.TriaxException;
import org.triax.artifact.ModelArtifact;
import org.triax.dataset.DataOptions;
import org.triax.dataset.DatasetLoader;
import org.triax.dataset.DatasetShape;
import org.triax.dataset.SplitPlan;
import org.triax.dataset.cache.SpectrogramCache;
import org.triax.signal.Preprocessing;
import org.triax.signal.ReadNotes;
import org.triax.signal.ReadOptions;
import org.triax.signal.Recording;
import org.triax.signal.RecordingReaders;
import org.triax.signal.SpectrogramExtractor;

/**
 * Prepares a dataset's training windows on Spark into the spectrogram cache that {@code train
 * --cache DIR} reads: the entry {@link SpectrogramCache} itself would write, byte for byte, so
 * training from it gives the model the in-memory path gives. The driver decides what the core
 * decides (channels, rate, sizes, split, key) with the core's own calls; the executors read the
 * recordings again and compute the spectrograms, the costly part, one task per recording; the
 * driver takes them a wave of recordings at a time ({@link InWaves}: two waves of windows in its
 * heap, not the dataset's), fits the normalisation on the training windows and writes the shards
 * (SpectrogramCache).
 * The data folder must be readable at the same path by the driver and every executor (local in
 * embedded mode, a shared mount on a cluster).
 */
public final class PrepareJob {

    private PrepareJob() {
    }

    /** The cache entry of {@code o}'s data and settings under {@code cache}: prepared on Spark, or found there. */
    public static SpectrogramCache.Entry run(SparkSession spark, DataOptions o, Path cache, PrintStream log) {
        // no companion: train derives the unknown-state check from the recordings once, as for any entry without it
        return new SpectrogramCache(cache).open(o, log, null, (read, plan) -> onSpark(spark, o, read, plan));
    }

    /** One recording's share of the work: where it is and its blocks (one per subset at most). */
    private record Task(String file, int recording, List<int[]> blocks) implements Serializable {
    }

    private static Function<SplitPlan.Block, float[]> onSpark(SparkSession spark, DataOptions o, DatasetShape read,
                                                             SplitPlan plan) {
        Preprocessing pre = read.preprocessing();
        String preJson;
        try {
            preJson = ModelArtifact.JSON.writeValueAsString(pre);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("preprocessing not serialisable as JSON", e);
        }
        ReadOptions ro = DatasetLoader.readOptions(o, ReadNotes.DISCARD);
        double fs = ro.sampleRate();
        String variable = ro.variable();
        List<String> named = List.copyOf(ro.keep());
        Map<Integer, Task> byRecording = new LinkedHashMap<>();
        for (SplitPlan.Block b : plan.blocks()) {
            byRecording.computeIfAbsent(b.recording(), r -> new Task(read.index().files().get(r).path().toString(), r,
                    new ArrayList<>())).blocks().add(new int[] {b.subset().ordinal(), b.from(), b.to()});
        }
        List<Task> tasks = new ArrayList<>(byRecording.values());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        // a wave: twice the cores, so that a slow recording does not leave the others idle for long
        InWaves<Task, Long, float[]> waves = new InWaves<>(tasks, 2 * jsc.defaultParallelism(),
                wave -> jsc.parallelize(wave, wave.size())
                        .map(t -> windows(t, preJson, new ReadOptions(fs, variable, named, ReadNotes.DISCARD)))
                        .collectAsync());
        return b -> waves.take(key(b.recording(), b.subset().ordinal()));
    }

    /** On an executor: the recording read as training reads it, and the windows of each of its blocks. */
    private static Map<Long, float[]> windows(Task t, String preJson, ReadOptions read) throws Exception {
        Preprocessing pre = ModelArtifact.JSON.readValue(preJson, Preprocessing.class);
        Recording r;
        try {
            r = pre.conform(pre.asOnlyChannel(RecordingReaders.read(Path.of(t.file()), read), ReadNotes.DISCARD));
        } catch (TriaxException e) {
            throw new TriaxException(e.getMessage() + " (read again by a Spark executor: is the data folder at the "
                    + "same path there?)", e);
        }
        SpectrogramExtractor ex = pre.extractor();
        int size = pre.tensorSize();
        Map<Long, float[]> out = new HashMap<>();
        for (int[] b : t.blocks()) {
            int[] starts = ex.windowStarts(b[1], b[2]);
            float[] data = new float[Math.multiplyExact(starts.length, size)];
            ex.windows(r.samples(), starts, 0, starts.length, data, 0); // overlapping windows' frames once
            out.put(key(t.recording(), b[0]), data);
        }
        return out;
    }

    private static long key(int recording, int subset) {
        return ((long) recording << 2) | subset;
    }
}
