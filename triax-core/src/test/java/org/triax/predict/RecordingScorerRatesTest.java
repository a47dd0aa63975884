package org.triax.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.TriaxException;
import org.triax.artifact.ModelMetadata;
import org.triax.dataset.Normalization;
import org.triax.model.WindowClassifier;
import org.triax.signal.Preprocessing;
import org.triax.signal.ReadNotes;
import org.triax.signal.ReadOptions;
import org.triax.signal.StftConfig;
import org.triax.signal.WindowFunction;
import org.triax.signal.WindowSpec;

/**
 * How the scorer reads recordings at other rates (--fs, --resample) and single-channel files, on
 * a stand-in network that gives every window the same probabilities (the network is not the point).
 */
class RecordingScorerRatesTest {

    @TempDir
    Path dir;

    private static ScoringModel model(String channel) {
        Preprocessing pre = new Preprocessing(List.of(channel), 1000, new WindowSpec(64, 32),
                new StftConfig(16, 8, WindowFunction.HANN, -120, 0, Double.POSITIVE_INFINITY));
        ModelMetadata meta = new ModelMetadata(ModelMetadata.FORMAT, ModelMetadata.FORMAT_VERSION, "test", "now", null,
                List.of("ok", "bad"), pre, new Normalization(new float[] {0}, new float[] {1}), null, null, null, null,
                null, List.of(), 0, 0, "cpu");
        WindowClassifier fixed = new WindowClassifier() {
            @Override
            public float[][] probabilities(float[] data, int count) {
                float[][] p = new float[count][];
                Arrays.setAll(p, i -> new float[] {0.75f, 0.25f});
                return p;
            }

            @Override
            public String engine() {
                return "fixed";
            }

            @Override
            public void close() {
            }
        };
        return new ScoringModel(meta, fixed, "stand-in");
    }

    /** One channel {@code name}, {@code n} samples; with a time column at {@code fs} unless NaN. */
    private Path csv(String file, String name, double fs, int n) throws IOException {
        StringBuilder sb = new StringBuilder(Double.isNaN(fs) ? name + "\n" : "time," + name + "\n");
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(fs)) {
                sb.append(String.format(Locale.ROOT, "%.6f,", i / fs));
            }
            sb.append(String.format(Locale.ROOT, "%.6f%n", Math.sin(0.4 * i) + 0.2 * Math.cos(1.7 * i)));
        }
        return Files.writeString(dir.resolve(file), sb);
    }

    private static RecordingScorer scorer(String channel, double fs, double resample, ReadNotes notes) {
        return new RecordingScorer(model(channel), List.of(), new ReadOptions(fs, null, List.of(), notes), resample);
    }

    @Test
    void aFileAtAnotherRateIsRefusedUnlessResampledToTheModelsRate() throws IOException {
        Path at2k = csv("a.csv", "X", 2000, 400);
        try (RecordingScorer plain = scorer("X", Double.NaN, Double.NaN, ReadNotes.DISCARD)) {
            TriaxException e = assertThrows(TriaxException.class, () -> plain.score(at2k));
            assertEquals(at2k + ": sampled at 2000.0 Hz, the model expects 1000.0 Hz; add --resample 1000 to "
                    + "resample it", e.getMessage());
        }
        try (RecordingScorer resampling = scorer("X", Double.NaN, 1000, ReadNotes.DISCARD)) {
            assertEquals((200 - 64) / 32 + 1, resampling.score(at2k).windows(), "400 samples at 2 kHz: 200 at 1 kHz");
        }
        TriaxException e = assertThrows(TriaxException.class, () -> scorer("X", Double.NaN, 500, ReadNotes.DISCARD));
        assertTrue(e.getMessage().contains("use --resample 1000"), e.getMessage());
    }

    @Test
    void fsGivesTheRateOfFilesThatStateNone() throws IOException {
        Path bare = csv("b.csv", "X", Double.NaN, 400);
        try (RecordingScorer modelsRate = scorer("X", Double.NaN, Double.NaN, ReadNotes.DISCARD);
             RecordingScorer same = scorer("X", 1000, Double.NaN, ReadNotes.DISCARD);
             RecordingScorer other = scorer("X", 2000, Double.NaN, ReadNotes.DISCARD);
             RecordingScorer otherResampled = scorer("X", 2000, 1000, ReadNotes.DISCARD)) {
            assertEquals(11, modelsRate.score(bare).windows());
            assertEquals(11, same.score(bare).windows());
            TriaxException e = assertThrows(TriaxException.class, () -> other.score(bare));
            assertTrue(e.getMessage().contains("sampled at 2000.0 Hz") && e.getMessage().contains("--resample 1000"),
                    e.getMessage());
            assertEquals(5, otherResampled.score(bare).windows());
            Path stated = csv("c.csv", "X", 1000, 400);
            e = assertThrows(TriaxException.class, () -> other.score(stated));
            assertTrue(e.getMessage().startsWith(stated + ": time column 'time' says 1000.0 Hz, but --fs"), e.getMessage());
        }
    }

    @Test
    void aModelOfTheOneChannelCh0ScoresAnySingleChannelFile() throws IOException {
        Path file = csv("d.csv", "sig_0917", 1000, 400);
        ReadNotes notes = new ReadNotes();
        try (RecordingScorer scorer = scorer(Preprocessing.ONLY_CHANNEL, Double.NaN, Double.NaN, notes)) {
            assertEquals(11, scorer.score(file).windows());
        }
        assertEquals(List.of(file + ": one channel, named otherwise: read as the model's one channel ch0"), notes.lines());
        try (RecordingScorer named = scorer("DE", Double.NaN, Double.NaN, notes)) {
            TriaxException e = assertThrows(TriaxException.class, () -> named.score(file));
            assertTrue(e.getMessage().contains("no channel 'DE'"), e.getMessage());
        }
    }
}
