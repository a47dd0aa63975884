package org.triax.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.artifact.ModelArtifact;
import org.triax.signal.Preprocessing;
import org.triax.testing.TinyData.Layout;
import org.triax.testing.TinyData.Run;
import org.triax.testing.TinyData;

/**
 * Data triax has never seen, end to end: recordings at two rates trained with --resample (saved
 * with the model), a constant column in every file noted once, and predict / evaluate with --fs
 * and --resample.
 */
class CliDataInTest {

    @TempDir
    static Path shared;

    static Path data;
    static Path model;
    static Run training;

    /** Three classes of three recordings, the third of each at 2 kHz, every file with a constant "gain" column. */
    @BeforeAll
    static void trainWithResample() throws IOException {
        data = shared.resolve("data");
        for (int c = 0; c < 3; c++) {
            String cls = TinyData.CLASSES.get(c);
            for (int k = 0; k < 3; k++) {
                double fs = k == 2 ? 2000 : 1000;
                Path file = TinyData.recording(data.resolve(cls).resolve(cls + "_" + k + ".csv"), c, 3,
                        (int) (TinyData.SAMPLES * fs / 1000), Layout.HEADER_WITH_TIME, 31L * c + k, fs);
                withConstantColumn(file);
            }
        }
        training = TinyData.cli(TinyData.args("train", "--data", data, "--out", shared.resolve("models"), "--mode",
                "fused", "--epochs", "1", "--resample", "1000", TinyData.SMALL));
        assertEquals(0, training.status(), training.err());
        model = TinyData.filesEndingWith(shared.resolve("models"), ".triax").get(0);
    }

    private static void withConstantColumn(Path csv) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(csv));
        lines.replaceAll(l -> l + (l.startsWith("time") ? ",gain" : ",1.0"));
        Files.write(csv, lines);
    }

    private static List<String> notes(Run r) {
        return r.errLines().stream().filter(l -> l.startsWith("triax: note: ")).toList();
    }

    @Test
    void trainingResamplesNotesTheConstantColumnOnceAndSavesTheResample() {
        assertTrue(training.out().contains("channels [X, Y, Z], fs 1000.0 Hz (resampled)"), training.out());
        assertEquals(List.of("triax: note: channel 'gain' is constant: a time stamp, counter or constant, not a "
                + "vibration channel; left out (name it in --channels to keep it) (9 recordings, e.g. "
                + data.resolve("alpha/alpha_0.csv") + ")"), notes(training));
        Preprocessing pre = ModelArtifact.load(model).metadata().preprocessing();
        assertTrue(pre.resample());
        assertEquals(1000.0, pre.sampleRate());
    }

    private static JsonNode predictJson(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("predict", "--model", model.toString(), "--format", "json"));
        all.addAll(List.of(args));
        Run r = TinyData.cli(all.toArray(String[]::new));
        assertEquals(0, r.status(), r.err());
        return ModelArtifact.JSON.readTree(r.out()).get(0);
    }

    @Test
    void aModelTrainedWithResampleResamplesWhatItScores() throws IOException {
        // 8192 samples at 2 kHz are 4096 at 1 kHz: 31 windows of 256 every 128, as at 1 kHz
        assertEquals(31, predictJson(data.resolve("alpha/alpha_2.csv").toString()).get("windows").asInt());
        assertEquals(31, predictJson(data.resolve("alpha/alpha_0.csv").toString()).get("windows").asInt());
    }

    @Test
    void fsGivesARateToAHeaderlessFileAndResampleMustBeTheModelsRate() throws IOException {
        Path bare = TinyData.recording(shared.resolve("bare.csv"), 1, 3, 8192, Layout.HEADERLESS, 5, 2000);
        assertEquals(31, predictJson("--fs", "2000", bare.toString()).get("windows").asInt());
        assertEquals(63, predictJson(bare.toString()).get("windows").asInt(), "no --fs: the model's rate");
        Run r = TinyData.cli("predict", "--model", model.toString(), "--resample", "500", bare.toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().startsWith("triax: error: --resample 500: the model was trained at 1000.0 Hz")
                && r.err().contains("use --resample 1000"), r.err());
    }

    @Test
    void evaluateReproducesTheTestSetThroughTheResamplerAndTakesFs() throws IOException {
        Run own = TinyData.cli("evaluate", "--model", model.toString(), "--data", data.toString());
        assertEquals(0, own.status(), own.err());
        assertTrue(own.out().contains("scored: test set saved in the model"), own.out());
        double saved = ModelArtifact.load(model).metadata().test().accuracy();
        assertTrue(own.out().contains(String.format(java.util.Locale.ROOT, "accuracy %.2f %%", 100 * saved)), own.out());

        Path other = shared.resolve("other");
        for (int c = 0; c < 3; c++) {
            String cls = TinyData.CLASSES.get(c);
            TinyData.recording(other.resolve(cls).resolve("r.csv"), c, 3, 8192, Layout.HEADERLESS, 70 + c, 2000);
        }
        Run r = TinyData.cli("evaluate", "--model", model.toString(), "--data", other.toString(), "--fs", "2000");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("windows 93:"), r.out());
    }

    @Test
    void resampleMustBePositive() {
        Run r = TinyData.cli("train", "--data", data.toString(), "--out", shared.resolve("never").toString(),
                "--resample", "0");
        assertEquals(2, r.status());
        assertEquals(List.of("triax: error: --resample must be > 0 Hz, got 0.0"), r.errLines());
    }

    @Test
    void spectrogramResamples() throws IOException {
        Path out = shared.resolve("png");
        Run r = TinyData.cli("spectrogram", data.resolve("bravo/bravo_2.csv").toString(), "--out", out.toString(),
                "--resample", "500");
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.isRegularFile(out.resolve("bravo_2.X.png")), r.out());
        assertEquals(1, notes(r).size(), r.err());
    }
}
