package org.triax.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.artifact.ModelArtifact;
import org.triax.artifact.ModelMetadata;
import org.triax.artifact.TrainConfig;
import org.triax.dataset.DataOptions;
import org.triax.dataset.DemoDataset;
import org.triax.dataset.SplitFractions;
import org.triax.dataset.SplitProtocol;
import org.triax.dataset.cache.SpectrogramCache;
import org.triax.model.Design;
import org.triax.signal.StftConfig;
import org.triax.signal.WindowSpec;

/**
 * Training from the mapped cache shards gives the model the in-memory path gives, bit for bit, on
 * the demo dataset: the same weights, the same metadata but the times.
 */
class CachedTrainingTest {

    @Test
    void theCacheTrainsTheIdenticalModel(@TempDir Path dir) {
        Path data = DemoDataset.generate(dir.resolve("demo"), DemoDataset.SEED);
        // windows of 512 samples every 512 (20 per recording, 640 in all) keep the test quick
        DataOptions options = new DataOptions(data, List.of(), Double.NaN, null, new WindowSpec(512, 512),
                StftConfig.DEFAULT, SplitProtocol.AUTO, SplitFractions.DEFAULT, 42)
                .withSizesFromData(java.util.EnumSet.of(DataOptions.Size.SEGMENT, DataOptions.Size.OVERLAP));
        TrainConfig cfg = new TrainConfig(2, 32, 1e-3f, 5, false);
        PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
        Path memory = TrainJob.run(options, List.of(Design.FUSED), cfg, dir.resolve("memory"), RunOptions.IN_MEMORY,
                TrainingListener.SILENT, quiet).get(0).modelFile();

        Path cache = dir.resolve("cache");
        new SpectrogramCache(cache).open(options, quiet); // prepared here: the run below reads it
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Path cached = TrainJob.run(options, List.of(Design.FUSED), cfg, dir.resolve("cached"),
                new RunOptions(cache, false, false, null), TrainingListener.SILENT,
                new PrintStream(log, true, StandardCharsets.UTF_8)).get(0).modelFile();
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("preparation skipped"), log.toString());

        ModelArtifact a = ModelArtifact.load(memory);
        ModelArtifact b = ModelArtifact.load(cached);
        assertArrayEquals(a.weights(), b.weights());
        ModelMetadata ma = a.metadata();
        ModelMetadata mb = b.metadata();
        assertEquals(ma.preprocessing(), mb.preprocessing());
        assertArrayEquals(ma.normalization().mean(), mb.normalization().mean());
        assertArrayEquals(ma.normalization().std(), mb.normalization().std());
        assertEquals(ma.split(), mb.split());
        assertEquals(ma.dataset(), mb.dataset());
        assertEquals(ma.test().accuracy(), mb.test().accuracy());
        assertArrayEquals(ma.test().confusion(), mb.test().confusion());
        assertEquals(ma.bestEpoch(), mb.bestEpoch());
        for (int e = 0; e < ma.history().size(); e++) {
            assertEquals(ma.history().get(e).trainLoss(), mb.history().get(e).trainLoss());
            assertEquals(ma.history().get(e).validationLoss(), mb.history().get(e).validationLoss());
        }
        // the entry was prepared without the unknown-state check: the run fitted it from the recordings,
        // the same as in memory, and added it to the entry, where the next run reads it
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("the entry has no unknown-state.json"), log.toString());
        assertEquals(ModelArtifact.JSON.valueToTree(ma.unknownState()), ModelArtifact.JSON.valueToTree(mb.unknownState()));
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        Path third = TrainJob.run(options, List.of(Design.FUSED), cfg, dir.resolve("again"),
                new RunOptions(cache, false, false, null), TrainingListener.SILENT,
                new PrintStream(again, true, StandardCharsets.UTF_8)).get(0).modelFile();
        assertTrue(again.toString(StandardCharsets.UTF_8).contains("unknown-state check: from the cache entry"),
                again.toString());
        assertEquals(ModelArtifact.JSON.valueToTree(ma.unknownState()),
                ModelArtifact.JSON.valueToTree(ModelArtifact.load(third).metadata().unknownState()));
    }
}
