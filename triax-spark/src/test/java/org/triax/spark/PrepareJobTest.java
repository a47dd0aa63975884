package org.triax.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.triax.artifact.ModelArtifact;
import org.triax.dataset.DataOptions;
import org.triax.dataset.cache.CacheManifest;
import org.triax.dataset.cache.SpectrogramCache;
import org.triax.model.Design;
import org.triax.train.RunOptions;
import org.triax.train.TrainJob;
import org.triax.train.TrainingListener;

/** PrepareJob on Spark {@code local[2]} writes the cache entry the core writes, and it trains to the in-memory model. */
class PrepareJobTest {

    @Test
    void shardsPreparedOnSparkAreTheCoresAndTrainToTheInMemoryModel() throws IOException {
        DataOptions o = SparkTests.dataOptions(SparkTests.demoData());
        Path onSpark = SparkTests.work().resolve("cache-spark");
        Path inCore = SparkTests.work().resolve("cache-core");
        SpectrogramCache.Entry spark = PrepareJob.run(SparkTests.spark(), o, onSpark, quiet());
        SpectrogramCache.Entry core = new SpectrogramCache(inCore).open(o, quiet());
        assertTrue(spark.prepared());
        assertEquals(core.dir().getFileName(), spark.dir().getFileName(), "the same key");
        assertEquals(manifestWithoutTime(core.dir()), manifestWithoutTime(spark.dir()));
        List<String> shards = shards(core.dir());
        assertFalse(shards.isEmpty());
        assertEquals(shards, shards(spark.dir()));
        for (String name : shards) {
            assertArrayEquals(Files.readAllBytes(core.dir().resolve(name)), Files.readAllBytes(spark.dir().resolve(name)),
                    name);
        }

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<TrainJob.Outcome> fromShards = TrainJob.run(o, List.of(Design.FUSED), SparkTests.trainConfig(),
                SparkTests.work().resolve("models-from-spark-shards"), new RunOptions(onSpark, false, false, null),
                TrainingListener.SILENT, new PrintStream(log, true, StandardCharsets.UTF_8));
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("preparation skipped"), log.toString(StandardCharsets.UTF_8));
        assertArrayEquals(ModelArtifact.load(SparkTests.triaxModel()).weights(),
                ModelArtifact.load(fromShards.get(0).modelFile()).weights(), "the in-memory path's weights, bit for bit");
    }

    private static List<String> shards(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals(CacheManifest.FILE_NAME)).sorted().toList();
        }
    }

    private static ObjectNode manifestWithoutTime(Path dir) throws IOException {
        ObjectNode m = (ObjectNode) ModelArtifact.JSON.readTree(dir.resolve(CacheManifest.FILE_NAME).toFile());
        m.remove("createdAt");
        return m;
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }
}
