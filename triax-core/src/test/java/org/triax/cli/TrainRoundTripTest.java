package org.triax.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.TriaxException;
import org.triax.artifact.EpochStats;
import org.triax.artifact.Metrics;
import org.triax.artifact.ModelArtifact;
import org.triax.artifact.ModelMetadata;
import org.triax.artifact.ModelNaming;
import org.triax.io.ReservedName;
import org.triax.model.Design;
import org.triax.predict.Evaluation;
import org.triax.testing.TinyData.Layout;
import org.triax.testing.TinyData.Run;
import org.triax.testing.TinyData;

/**
 * {@code triax train --mode both} on a tiny three-class dataset, then everything a user does with
 * the model files: their names and companions, predict (json, csv), evaluate, retraining with the
 * same seed, and saving next to them without overwriting.
 */
class TrainRoundTripTest {

    private static final Pattern NAME = Pattern.compile(
            "(\\d{8}-\\d{6})_validation_res_(\\d{1,3}\\.\\d{2})_test_set_(\\d{1,3}\\.\\d{2})\\.triax");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @TempDir
    static Path shared;

    static Path data;
    static Path models;
    static Run training;
    static final Map<Design, Path> MODEL = new EnumMap<>(Design.class);

    @TempDir
    Path dir;

    static String[] trainArgs(Path out) {
        return TinyData.args("train", "--data", data, "--out", out, "--mode", "both", "--epochs", "2", "--seed", "5", "--batch", "16",
                TinyData.SMALL);
    }

    @BeforeAll
    static void trainBothDesigns() {
        data = TinyData.dataset(shared.resolve("data"), 3, 4, Layout.HEADER_WITH_TIME, 11);
        models = shared.resolve("models");
        training = TinyData.cli(trainArgs(models));
        assertEquals(0, training.status(), training.err());
        for (Path f : TinyData.filesEndingWith(models, ".triax")) {
            MODEL.put(ModelArtifact.load(f).metadata().network().design(), f);
        }
        assertEquals(2, MODEL.size(), "one model per design: " + MODEL);
    }

    private static ModelMetadata meta(Design d) {
        return ModelArtifact.load(MODEL.get(d)).metadata();
    }

    /** A recording of class {@code cls} that is not in the training data. */
    private Path fresh(int cls, long seed) {
        return TinyData.recording(dir.resolve("new/" + TinyData.CLASSES.get(cls) + "-" + seed + ".csv"), cls, 3,
                TinyData.SAMPLES, Layout.HEADER_WITH_TIME, seed);
    }

    // ---------------------------------------------------------------- model files

    @Test
    void modelFilesAreNamedAfterTheirStoredAccuracies() {
        for (Design d : Design.values()) {
            String name = MODEL.get(d).getFileName().toString();
            Matcher m = NAME.matcher(name);
            assertTrue(m.matches(), name);
            LocalDateTime.parse(m.group(1), STAMP);
            ModelMetadata meta = meta(d);
            assertEquals(String.format(Locale.ROOT, "%.2f", 100 * meta.validation().accuracy()), m.group(2), name);
            assertEquals(String.format(Locale.ROOT, "%.2f", 100 * meta.test().accuracy()), m.group(3), name);
            assertEquals(100 * meta.validation().accuracy(), Double.parseDouble(m.group(2)), 0.005, name);
            assertEquals(100 * meta.test().accuracy(), Double.parseDouble(m.group(3)), 0.005, name);
            assertTrue(training.out().contains(MODEL.get(d).toString()), "the run reports " + name);
        }
    }

    @Test
    void everyModelHasItsMetricsAndPlotsBesideIt() throws IOException {
        for (Design d : Design.values()) {
            String base = MODEL.get(d).getFileName().toString().replaceFirst("\\.triax$", "");
            JsonNode metrics = ModelArtifact.JSON.readTree(models.resolve(base + ".metrics.json").toFile());
            assertEquals(meta(d).test().accuracy(), metrics.path("test").path("accuracy").asDouble(), 0.0);
            assertEquals(d.name(), metrics.path("network").path("design").asText());
            for (String png : List.of(".curves.png", ".confusion.png")) {
                BufferedImage image = ImageIO.read(models.resolve(base + png).toFile());
                assertNotNull(image, base + png);
                assertTrue(image.getWidth() > 100 && image.getHeight() > 100, base + png);
            }
        }
        for (Design d : Design.values()) {
            String base = MODEL.get(d).getFileName().toString().replaceFirst("\\.triax$", "");
            assertTrue(Files.isRegularFile(models.resolve(base + ".onnx")), base + ".onnx");
        }
        List<Path> all = TinyData.filesEndingWith(models, "");
        assertEquals(2 * 5, all.size(), "model, json, two plots and the ONNX export per design, nothing else: " + all);
    }

    @Test
    void storedMetadataDescribesTheRun() {
        for (Design d : Design.values()) {
            ModelMetadata m = meta(d);
            assertEquals(TinyData.CLASSES, m.classes());
            assertEquals(List.of("X", "Y", "Z"), m.preprocessing().channels());
            assertEquals(TinyData.FS, m.preprocessing().sampleRate(), 0.0);
            assertEquals(2, m.history().size());
            assertEquals(5, m.training().seed());
            assertEquals("BY_RECORDING", m.split().protocol());
            assertEquals(12, m.split().blocks().size());
        }
    }

    // ---------------------------------------------------------------- predict

    @Test
    void predictJsonNamesTheClassOfEachRecording() throws IOException {
        List<Path> files = List.of(fresh(0, 101), fresh(1, 102), fresh(2, 103));
        for (Design d : Design.values()) {
            Run r = TinyData.cli(TinyData.args("predict", "--model", MODEL.get(d), "--format", "json", files));
            assertEquals(0, r.status(), r.err());
            JsonNode verdicts = ModelArtifact.JSON.readTree(r.out());
            assertEquals(3, verdicts.size(), r.out());
            for (int i = 0; i < 3; i++) {
                JsonNode v = verdicts.get(i);
                assertEquals(files.get(i).toString(), v.path("recording").asText());
                assertEquals(TinyData.CLASSES.get(i), v.path("predicted").asText(), d + ": " + v);
                assertEquals(31, v.path("windows").asInt());
                double sum = 0;
                int votes = 0;
                for (int c = 0; c < 3; c++) {
                    sum += v.path("meanProbabilities").get(c).asDouble();
                    double share = v.path("windowShare").get(c).asDouble();
                    long windows = Math.round(share * 31);
                    assertEquals(windows / 31.0, share, 0.0, "share of " + windows + " of 31 windows: " + v);
                    votes += (int) windows;
                }
                assertEquals(1.0, sum, 1e-6, v.toString());
                assertEquals(31, votes, v.toString());
                assertEquals(v.path("meanProbabilities").get(i).asDouble(), v.path("probability").asDouble(), 0.0);
            }
        }
    }

    @Test
    void predictCsvNamesTheClassOfEachRecordingFoundInAFolder() {
        fresh(2, 201);
        fresh(0, 202);
        fresh(1, 203);
        Run r = TinyData.cli(TinyData.args("predict", "--model", MODEL.get(Design.FUSED), "--format", "csv",
                dir.resolve("new")));
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("recording,verdict,probability,windows,p_alpha,p_bravo,p_charlie,share_alpha,share_bravo,"
                + "share_charlie,unknown_share,unknown_distance,unknown_reason,error", lines.get(0));
        assertEquals(4, lines.size(), r.out());
        for (String line : lines.subList(1, 4)) {
            String[] cells = line.split(",", -1);
            assertEquals(14, cells.length, line);
            assertTrue(Double.parseDouble(cells[10]) <= 0.5, "a recording of a trained class is known: " + line);
            assertEquals("", cells[12], "no unknown reason: " + line);
            assertEquals("", cells[13], "no error: " + line);
            String expected = Path.of(cells[0]).getFileName().toString().replaceFirst("-.*", "");
            assertEquals(expected, cells[1], line);
            assertEquals(31, Integer.parseInt(cells[3]), line);
            int k = TinyData.CLASSES.indexOf(expected);
            assertEquals(Double.parseDouble(cells[2]), Double.parseDouble(cells[4 + k]), 0.0, line);
        }
    }

    // ---------------------------------------------------------------- evaluate

    @Test
    void evaluateOnTheTrainingFolderReproducesTheStoredTestMetrics() {
        for (Design d : Design.values()) {
            Metrics stored = meta(d).test();
            Evaluation.Report report = Evaluation.run(MODEL.get(d), data, false, null);
            assertTrue(report.scope().startsWith("test set"), report.scope());
            assertEquals(stored.accuracy(), report.windows().accuracy(), 0.0);
            assertEquals(stored.count(), report.windows().count());
            assertArrayEquals(stored.confusion(), report.windows().confusion());
            assertEquals(stored.macroF1(), report.windows().macroF1(), 0.0);

            Run r = TinyData.cli("evaluate", "--model", MODEL.get(d).toString(), "--data", data.toString());
            assertEquals(0, r.status(), r.err());
            String expected = String.format(Locale.ROOT, "windows %d: accuracy %.2f %%, macro F1 %.4f", stored.count(),
                    100 * stored.accuracy(), stored.macroF1());
            assertTrue(r.out().contains(expected), "expected '" + expected + "' in:\n" + r.out());
        }
    }

    @Test
    void evaluateOnNewRecordingsOfOneKnownClassScoresEveryWindow() {
        // a folder holding one class only is a fair test set for a model (not for training)
        Path oneClass = shared.resolve("one-class");
        String cls = TinyData.CLASSES.get(1);
        for (int seed = 100; seed < 103; seed++) {
            TinyData.recording(oneClass.resolve(cls + "/" + cls + "-" + seed + ".csv"), 1, 3, TinyData.SAMPLES,
                    Layout.HEADER_WITH_TIME, seed);
        }
        Run r = TinyData.cli("evaluate", "--model", MODEL.get(Design.FUSED).toString(), "--data", oneClass.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("scored: all windows of 3 recordings"), r.out());
        assertTrue(r.out().contains("recordings 3: accuracy 100.00 %"), r.out());
    }

    // ---------------------------------------------------------------- repeatability

    @Test
    void theSameSeedTrainsIdenticalModels() {
        Path again = shared.resolve("models-again");
        Run r = TinyData.cli(trainArgs(again));
        assertEquals(0, r.status(), r.err());
        List<Path> files = TinyData.filesEndingWith(again, ".triax");
        assertEquals(2, files.size());
        for (Path f : files) {
            ModelArtifact second = ModelArtifact.load(f);
            Design d = second.metadata().network().design();
            ModelArtifact first = ModelArtifact.load(MODEL.get(d));
            ModelMetadata a = first.metadata();
            ModelMetadata b = second.metadata();
            assertArrayEquals(first.weights(), second.weights(), d + " weights differ");
            assertMetricsEqual(a.validation(), b.validation());
            assertMetricsEqual(a.test(), b.test());
            assertEquals(withoutSeconds(a.history()), withoutSeconds(b.history()));
            assertEquals(a.bestEpoch(), b.bestEpoch());
            assertArrayEquals(a.normalization().mean(), b.normalization().mean());
            assertArrayEquals(a.normalization().std(), b.normalization().std());
            assertEquals(a.split(), b.split());
            assertEquals(a.dataset().fingerprint(), b.dataset().fingerprint());
            String nameA = MODEL.get(d).getFileName().toString();
            assertEquals(nameA.substring(15), f.getFileName().toString().substring(15), "same accuracies in the name");
        }
    }

    private static void assertMetricsEqual(Metrics a, Metrics b) {
        assertEquals(a.count(), b.count());
        assertEquals(a.accuracy(), b.accuracy(), 0.0);
        assertEquals(a.macroF1(), b.macroF1(), 0.0);
        assertArrayEquals(a.confusion(), b.confusion());
        assertArrayEquals(a.f1(), b.f1(), 0.0);
    }

    private static List<List<Double>> withoutSeconds(List<EpochStats> h) {
        return h.stream().map(s -> List.of((double) s.epoch(), s.trainLoss(), s.trainAccuracy(), s.validationLoss(),
                s.validationAccuracy())).toList();
    }

    // ---------------------------------------------------------------- never overwrite

    @Test
    void savingOntoAnExistingModelFailsAndKeepsIt() throws IOException {
        Path existing = MODEL.get(Design.SEPARATE);
        Map<String, String> before = TinyData.snapshot(models);
        ModelArtifact other = ModelArtifact.load(MODEL.get(Design.FUSED));
        TriaxException e = assertThrows(TriaxException.class, () -> other.save(existing));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertEquals(before, TinyData.snapshot(models), "the folder changed (old model or a temporary file)");
    }

    @Test
    void aSecondModelInTheSameSecondGetsTheNextFreeSecond() throws IOException {
        Path existing = MODEL.get(Design.FUSED);
        Matcher m = NAME.matcher(existing.getFileName().toString());
        assertTrue(m.matches());
        LocalDateTime taken = LocalDateTime.parse(m.group(1), STAMP);
        double val = Double.parseDouble(m.group(2)) / 100;
        double test = Double.parseDouble(m.group(3)) / 100;
        Path copy = Files.createDirectories(dir.resolve("models"));
        Files.copy(existing, copy.resolve(existing.getFileName()));

        String same = free(copy, taken.plusNanos(999_000_000), val, test);
        assertEquals(ModelNaming.baseName(taken.plusSeconds(1), val, test), same);

        ModelArtifact.load(existing).save(copy.resolve(same + "." + ModelNaming.EXTENSION));
        assertEquals(ModelNaming.baseName(taken.plusSeconds(2), val, test),
                free(copy, taken, val, test));
        assertEquals(TinyData.sha256(existing), TinyData.sha256(copy.resolve(existing.getFileName())));
        assertEquals(ModelNaming.baseName(taken.minusSeconds(1), val, test),
                free(copy, taken.minusSeconds(1), val, test), "a free second is kept");
    }

    private static String free(Path dir, LocalDateTime time, double val, double test) {
        try (ReservedName name = ModelNaming.reserve(dir, time, val, test, List.of(".triax", ".onnx"))) {
            return name.base();
        }
    }

    // ---------------------------------------------------------------- spectrogram with a model's settings

    @Test
    void spectrogramWithAModelUsesItsChannelsAndSettings() {
        Path rec = fresh(1, 301);
        Path out = dir.resolve("png");
        Run r = TinyData.cli("spectrogram", rec.toString(), "--model", MODEL.get(Design.FUSED).toString(), "--out",
                out.toString());
        assertEquals(0, r.status(), r.err());
        String base = rec.getFileName().toString().replace(".csv", "");
        List<String> expected = new ArrayList<>();
        for (String ch : List.of("X", "Y", "Z", "fused")) {
            expected.add(base + "." + ch + ".png");
        }
        List<String> written = TinyData.filesEndingWith(out, ".png").stream().map(p -> p.getFileName().toString())
                .toList();
        assertEquals(expected.stream().sorted().toList(), written);
        assertEquals(Arrays.asList(r.out().strip().split("\\R")).size(), 4, r.out());
    }
}
