package org.triax.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.TriaxException;
import org.triax.artifact.ModelArtifact;
import org.triax.artifact.ModelMetadata;
import org.triax.artifact.TrainConfig;
import org.triax.dataset.DataOptions;
import org.triax.dataset.DatasetLoader;
import org.triax.dataset.LabelledFile;
import org.triax.dataset.Normalization;
import org.triax.dataset.PreparedDataset;
import org.triax.dataset.SpectrogramSet;
import org.triax.dataset.SplitFractions;
import org.triax.dataset.SplitProtocol;
import org.triax.dataset.Subset;
import org.triax.model.Design;
import org.triax.signal.ReadOptions;
import org.triax.signal.RecordingReaders;
import org.triax.signal.StftConfig;
import org.triax.signal.WindowFunction;
import org.triax.signal.WindowSpec;
import org.triax.testing.TinyData.Layout;
import org.triax.testing.TinyData;
import org.triax.train.ModelTrainer;
import org.triax.train.TrainingListener;
import org.triax.train.TrainingResult;

/**
 * A network trained in memory, saved as a model file and loaded back: the model file alone must
 * score every window exactly as the trained network scored the training pipeline's own tensors.
 */
class RecordingScorerRoundTripTest {

    @TempDir
    static Path shared;

    static Path data;
    static PreparedDataset ds;
    static Normalization norm;
    static TrainingResult trained;
    static Path modelFile;

    @BeforeAll
    static void trainInMemoryAndSave() throws IOException {
        data = TinyData.dataset(shared.resolve("data"), 3, 4, Layout.HEADER_WITH_TIME, 23);
        DataOptions options = new DataOptions(data, List.of(), Double.NaN, null, new WindowSpec(256, 128),
                new StftConfig(32, 16, WindowFunction.HANN, -120, 0, Double.POSITIVE_INFINITY), SplitProtocol.AUTO,
                SplitFractions.DEFAULT, 3);
        ds = DatasetLoader.load(options);
        norm = Normalization.fit(ds.train(), ds.preprocessing().channelCount());
        ds.normalize(norm);
        TrainConfig cfg = new TrainConfig(2, 16, 1e-3f, 3, false);
        trained = ModelTrainer.train(ds, Design.FUSED, cfg, TrainingListener.SILENT);

        List<ModelMetadata.Block> blocks = ds.plan().blocks().stream()
                .map(b -> new ModelMetadata.Block(ds.index().files().get(b.recording()).relativePath(), b.subset().name(),
                        b.from(), b.to()))
                .toList();
        ModelMetadata meta = new ModelMetadata(ModelMetadata.FORMAT, ModelMetadata.FORMAT_VERSION, "test",
                OffsetDateTime.now().withNano(0).toString(), trained.network().spec(), ds.index().classes(),
                ds.preprocessing(), norm, cfg,
                new ModelMetadata.Split(ds.plan().protocol().name(), ds.plan().fractions(), ds.plan().seed(), blocks),
                new ModelMetadata.Dataset(data.toAbsolutePath().toString(), ds.fingerprint(), ds.index().files().size(),
                        ds.train().size(), ds.validation().size(), ds.test().size()),
                trained.validation(), trained.test(), trained.history(), trained.bestEpoch(), trained.trainSeconds(),
                "cpu");
        modelFile = shared.resolve("models/in-memory.triax");
        new ModelArtifact(meta, trained.network().parameters()).save(modelFile);
    }

    @AfterAll
    static void close() {
        if (trained != null) {
            trained.close();
        }
    }

    @Test
    void loadedModelGivesExactlyTheTrainedNetworksProbabilitiesForEveryWindow() {
        int checked = 0;
        try (RecordingScorer scorer = new RecordingScorer(modelFile, List.of(), null)) {
            for (Subset subset : Subset.values()) {
                SpectrogramSet set = ds.set(subset);
                for (int rec : IntStream.of(set.recordings()).distinct().toArray()) {
                    int[] rows = IntStream.range(0, set.size()).filter(i -> set.recordings()[i] == rec).toArray();
                    float[] tensors = new float[rows.length * set.tensorSize()];
                    for (int k = 0; k < rows.length; k++) {
                        set.copyWindow(rows[k], tensors, k * set.tensorSize());
                        assertEquals(k * 128, set.starts()[rows[k]], "by-recording windows start at 0, hop 128");
                    }
                    float[][] expected = trained.network().probabilities(tensors, rows.length, ModelTrainer.EVAL_BATCH);

                    LabelledFile file = ds.index().files().get(rec);
                    float[][] actual = scorer.windowProbabilities(RecordingReaders.read(file.path(), ReadOptions.DEFAULT));
                    assertEquals(expected.length, actual.length, file.relativePath());
                    for (int k = 0; k < expected.length; k++) {
                        assertArrayEquals(expected[k], actual[k], file.relativePath() + " window " + k);
                    }
                    checked++;
                }
            }
        }
        assertEquals(12, checked, "every recording of the dataset");
    }

    @Test
    void loadedMetadataIsWhatWasSaved() {
        ModelMetadata m = ModelArtifact.load(modelFile).metadata();
        assertEquals(ds.preprocessing(), m.preprocessing());
        assertEquals(trained.network().spec(), m.network());
        assertArrayEquals(norm.mean(), m.normalization().mean());
        assertArrayEquals(norm.std(), m.normalization().std());
        assertEquals(trained.test().accuracy(), m.test().accuracy(), 0.0);
        assertArrayEquals(trained.network().parameters(), ModelArtifact.load(modelFile).weights());
    }

    @Test
    void verdictsNameTheClassOfEveryRecording() {
        try (RecordingScorer scorer = new RecordingScorer(modelFile, List.of(), null)) {
            for (LabelledFile f : ds.index().files()) {
                Verdict v = scorer.score(f.path());
                assertEquals(ds.index().classes().get(f.label()), v.predicted(), f.relativePath() + " " + v);
                assertEquals(31, v.windows());
                assertEquals(v.meanProbabilities()[f.label()], v.probability(), 0.0);
                assertEquals(1.0, Arrays.stream(v.meanProbabilities()).sum(), 1e-6);
            }
        }
    }

    @Test
    void recordingChannelsCanBeMappedOntoTheModelsChannels() throws IOException {
        Path original = ds.index().files().get(5).path();
        List<String> lines = new ArrayList<>(Files.readAllLines(original));
        assertEquals("time,X,Y,Z", lines.get(0));
        lines.set(0, "time,A,B,C");
        Path renamed = Files.write(shared.resolve("renamed.csv"), lines);
        try (RecordingScorer plain = new RecordingScorer(modelFile, List.of(), null);
             RecordingScorer mapped = new RecordingScorer(modelFile, List.of("A", "B", "C"), null);
             RecordingScorer swapped = new RecordingScorer(modelFile, List.of("C", "B", "A"), null)) {
            Verdict a = plain.score(original);
            Verdict b = mapped.score(renamed);
            assertArrayEquals(a.meanProbabilities(), b.meanProbabilities(), 0.0);
            assertNotEquals(Arrays.toString(a.meanProbabilities()),
                    Arrays.toString(swapped.score(renamed).meanProbabilities()), "channel order matters");
            TriaxException e = assertThrows(TriaxException.class, () -> plain.score(renamed));
            assertTrue(e.getMessage().contains("no channel 'X'"), e.getMessage());
        }
        TriaxException e = assertThrows(TriaxException.class,
                () -> new RecordingScorer(modelFile, List.of("A", "B"), null));
        assertTrue(e.getMessage().contains("the model takes 3"), e.getMessage());
    }

    @Test
    void evaluationReproducesTheTestSetOnTheTrainingDataAndScoresAllWindowsOnRequest() {
        Evaluation.Report own = Evaluation.run(modelFile, data, false, null);
        assertEquals(trained.test().accuracy(), own.windows().accuracy(), 0.0);
        assertArrayEquals(trained.test().confusion(), own.windows().confusion());
        assertEquals(3, own.recordings());

        Evaluation.Report all = Evaluation.run(modelFile, data, true, null);
        assertTrue(all.scope().startsWith("all windows"), all.scope());
        assertEquals(12 * 31, all.windows().count());
        assertEquals(12, all.recordings());
    }
}
