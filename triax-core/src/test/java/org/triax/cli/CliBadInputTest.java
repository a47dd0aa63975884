package org.triax.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.triax.artifact.ModelArtifact;
import org.triax.testing.TinyData.Layout;
import org.triax.testing.TinyData.Run;
import org.triax.testing.TinyData;

/**
 * Every way a user can get the input wrong ends the same way: exit status 2, one line
 * "triax: error: ..." on stderr naming the problem, no stack trace, and an existing models folder
 * left exactly as it was.
 */
class CliBadInputTest {

    @TempDir
    static Path shared;

    /** A good headerless dataset (channels X, Y, Z, sampling rate unknown) and a model trained on it. */
    static Path good;
    static Path models;
    static Path model;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainOneModel() {
        good = TinyData.dataset(shared.resolve("good"), 3, 4, Layout.HEADERLESS, 7);
        models = shared.resolve("models");
        Run r = TinyData.cli(TinyData.args("train", "--data", good, "--out", models, "--mode", "fused", "--epochs", "1",
                TinyData.SMALL));
        assertEquals(0, r.status(), r.err());
        List<Path> files = TinyData.filesEndingWith(models, ".triax");
        assertEquals(1, files.size(), files.toString());
        model = files.get(0);
    }

    /**
     * Runs the command line and checks the user-error contract; returns the error line.
     *
     * @param phrase what the message must say (case-insensitive)
     */
    private static String assertUserError(String phrase, String... args) {
        Map<String, String> before = TinyData.snapshot(models);
        Run r = TinyData.cli(args);
        String context = String.join(" ", args) + "\nstdout:\n" + r.out() + "\nstderr:\n" + r.err();
        assertEquals(2, r.status(), context);
        List<String> lines = r.errLines();
        assertEquals(1, lines.size(), "stderr must be exactly one line: " + context);
        String line = lines.get(0);
        assertTrue(line.startsWith("triax: error: "), context);
        assertTrue(line.toLowerCase(Locale.ROOT).contains(phrase.toLowerCase(Locale.ROOT)), "expected '" + phrase + "' in: " + line);
        assertFalse(r.err().contains("at org.") || r.err().contains("\tat ") || r.err().contains("Exception:"),
                "stack trace or raw exception on stderr: " + context);
        assertEquals(before, TinyData.snapshot(models), "the models folder changed");
        return line;
    }

    /** {@code triax train} on {@code data} into the models folder; option pairs in {@code extra} override. */
    private static String[] train(Path data, String... extra) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("--data", data.toString());
        options.put("--out", models.toString());
        options.put("--epochs", "1");
        for (int i = 0; i < TinyData.SMALL.size(); i += 2) {
            options.put(TinyData.SMALL.get(i), TinyData.SMALL.get(i + 1));
        }
        for (int i = 0; i < extra.length; i += 2) {
            options.put(extra[i], extra[i + 1]);
        }
        List<String> args = new ArrayList<>(List.of("train"));
        options.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        return args.toArray(String[]::new);
    }

    /** A copy of the good dataset with one file replaced (or added) by the caller. */
    private Path copyOfGood() throws IOException {
        Path copy = dir.resolve("data");
        try (var s = Files.walk(good)) {
            for (Path p : s.toList()) {
                Path to = copy.resolve(good.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return copy;
    }

    // ---------------------------------------------------------------- the data folder

    @Test
    void missingDataFolderIsNamed() {
        String line = assertUserError("does not exist", train(dir.resolve("no-such-folder")));
        assertTrue(line.contains("no-such-folder"), line);
    }

    @Test
    void aFileGivenAsDataFolderIsRejected() throws IOException {
        Path file = Files.writeString(dir.resolve("data.csv"), "1,2,3\n");
        assertUserError("is not a folder", train(file));
    }

    @Test
    void emptyDataFolderHasNoClasses() throws IOException {
        assertUserError("has no class folders", train(Files.createDirectories(dir.resolve("empty"))));
    }

    @Test
    void classFolderWithoutRecordingsIsNamed() throws IOException {
        Path data = dir.resolve("data");
        TinyData.dataset(data, 2, 4, Layout.HEADERLESS, 1);
        Path hollow = Files.createDirectories(data.resolve("charlie"));
        Files.writeString(hollow.resolve("README.md"), "recordings to follow\n");
        String line = assertUserError("has no recordings", train(data));
        assertTrue(line.contains("charlie"), line);
    }

    @Test
    void singleClassCannotTrainAClassifier() {
        Path data = TinyData.dataset(dir.resolve("data"), 1, 4, Layout.HEADERLESS, 1);
        assertUserError("only one class", train(data));
    }

    // ---------------------------------------------------------------- the recordings

    @Test
    void truncatedGzipRecordingIsNamed() throws IOException {
        Path data = copyOfGood();
        Path csv = data.resolve("bravo/bravo_2.csv");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            out.write(Files.readAllBytes(csv));
        }
        byte[] bytes = gz.toByteArray();
        Files.delete(csv);
        Files.write(data.resolve("bravo/bravo_2.csv.gz"), Arrays.copyOf(bytes, bytes.length / 2));
        String line = assertUserError("truncated", train(data));
        assertTrue(line.contains("bravo_2.csv.gz"), line);
    }

    @Test
    void garbageMatFileIsNamed() throws IOException {
        Path data = copyOfGood();
        byte[] garbage = new byte[4096];
        new Random(3).nextBytes(garbage);
        Files.write(data.resolve("alpha/alpha_9.mat"), garbage);
        String line = assertUserError("not a readable MAT", train(data));
        assertTrue(line.contains("alpha_9.mat"), line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "nan", "inf", "-inf"})
    void nonFiniteSamplesAreRejectedWithTheirLine(String value) throws IOException {
        Path data = copyOfGood();
        setCell(data.resolve("charlie/charlie_1.csv"), 99, 1, value);
        String line = assertUserError("NaN/Inf samples are not allowed", train(data));
        assertTrue(line.contains("charlie_1.csv") && line.contains("line 100"), line);
    }

    /** Overwrites one cell of a CSV file (0-based line and column). */
    private static void setCell(Path csv, int line, int column, String value) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(csv));
        String[] cells = lines.get(line).split(",");
        cells[column] = value;
        lines.set(line, String.join(",", cells));
        Files.write(csv, lines);
    }

    @Test
    void nonFiniteSampleInTheFirstRowIsNotMistakenForAHeader() throws IOException {
        Path data = copyOfGood();
        setCell(data.resolve("charlie/charlie_1.csv"), 0, 2, "nan");
        String line = assertUserError("NaN/Inf samples are not allowed", train(data));
        assertTrue(line.contains("charlie_1.csv") && line.contains("line 1,"), line);
    }

    @Test
    void recordingShorterThanOneWindowIsNamed() throws IOException {
        Path data = copyOfGood();
        TinyData.recording(data.resolve("alpha/alpha_short.csv"), 0, 3, 200, Layout.HEADERLESS, 5);
        String line = assertUserError("shorter than one window", train(data));
        assertTrue(line.contains("alpha_short.csv") && line.contains("200 samples"), line);
    }

    @Test
    void recordingWithAChannelLessNamesTheFileAndTheMissingChannels() throws IOException {
        // headerless: three columns are X, Y, Z, two columns are ch0, ch1, so nothing is in common
        Path data = copyOfGood();
        Path odd = data.resolve("bravo/bravo_1.csv");
        TinyData.recording(odd, 1, 2, TinyData.SAMPLES, Layout.HEADERLESS, 5);
        String line = assertUserError("share no channel", train(data));
        assertTrue(line.contains("bravo_1.csv has [ch0, ch1] and lacks X, Y, Z"), line);
        assertTrue(line.contains("--channels"), line);
    }

    @Test
    void unknownChannelNameIsNamedWithTheAvailableOnes() {
        String line = assertUserError("no channel 'Q'", train(good, "--channels", "X,Q,Z"));
        assertTrue(line.contains("X, Y, Z"), line);
    }

    // ---------------------------------------------------------------- the parameters

    @Test
    void unknownModeIsRejected() {
        assertUserError("unknown --mode 'hybrid'", train(good, "--mode", "hybrid"));
    }

    @Test
    void zeroHopIsRejected() {
        assertUserError("hop must be > 0", train(good, "--hop", "0"));
    }

    @Test
    void overlapOfAWholeSegmentIsRejected() {
        assertUserError("overlap must be in [0, segment=32)", train(good, "--overlap", "32"));
        assertUserError("overlap must be in [0, segment=32)", train(good, "--overlap", "40"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1"})
    void epochsMustBePositive(String epochs) {
        assertUserError("epochs must be > 0, got " + epochs, train(good, "--epochs", epochs));
    }

    @Test
    void splitFractionsMustSumToOne() {
        assertUserError("must sum to 1", train(good, "--split", "0.5,0.3,0.3"));
    }

    @Test
    void badOptionWithoutDataFolderWritesNoDemoDatasetIntoTheModelsFolder() {
        String[] args = train(good, "--hop", "0");
        List<String> withoutData = new ArrayList<>(Arrays.asList(args).subList(3, args.length));
        withoutData.add(0, "train");
        assertUserError("hop must be > 0", withoutData.toArray(String[]::new));
        assertFalse(Files.exists(models.resolve("demo-data")));
    }

    @Test
    void malformedOptionValueIsOneLineToo() {
        assertUserError("--epochs", train(good, "--epochs", "many"));
    }

    // ---------------------------------------------------------------- input transform, augmentation, test groups

    @Test
    void unknownInputAxisOrAugmentationIsNamedWithTheChoices() {
        assertUserError("unknown --input 'hilbert' (spectrogram or envelope)", train(good, "--input", "hilbert"));
        assertUserError("unknown --freq-axis 'mel' (linear or log)", train(good, "--freq-axis", "mel"));
        assertUserError("unknown --augment 'mixup' (any of gain, shift, noise, stretch", train(good, "--augment", "gain,mixup"));
    }

    @Test
    void anEnvelopeBandNeedsASamplingRateAndMustLieBelowNyquist() {
        assertUserError("--band 100.0,200.0 needs a sampling rate: give --fs",
                train(good, "--input", "envelope", "--band", "100,200"));
        assertUserError("HI is above the Nyquist frequency 500.0 Hz (fs 1000.0 Hz); give HI <= 500.0",
                train(good, "--fs", "1000", "--input", "envelope", "--band", "100,800"));
        assertUserError("--band applies to --input envelope only", train(good, "--fs", "1000", "--band", "100,400"));
        assertUserError("--band '400' must be LO,HI in Hz", train(good, "--input", "envelope", "--band", "400"));
    }

    @Test
    void testGroupsNeedAGroupingAndAreForTrainOnly() {
        assertUserError("--test-groups 3 needs a by-group split", train(good, "--test-groups", "3"));
        assertUserError("cv holds out each group in turn: --test-groups 3 is for train", "cv", "--data", good.toString(),
                "--out", models.toString(), "--group-by", "_(\\d)", "--test-groups", "3");
    }

    // ---------------------------------------------------------------- model files

    /** A copy of the trained model with its triax-model.json entry edited. */
    private static Path withMetadata(Path to, Consumer<ObjectNode> edit) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(model));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().equals("triax-model.json")) {
                    ObjectNode json = (ObjectNode) ModelArtifact.JSON.readTree(bytes);
                    edit.accept(json);
                    bytes = ModelArtifact.JSON.writeValueAsBytes(json);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        return to;
    }

    @Test
    void textFileIsNotAModel() throws IOException {
        Path fake = Files.writeString(dir.resolve("fake.triax"), "this is not a model\n");
        assertUserError("not a triax model", "predict", "--model", fake.toString(), good.resolve("alpha").toString());
    }

    @Test
    void zipWithoutModelEntriesIsNotAModel() throws IOException {
        Path zip = dir.resolve("random.triax");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("notes.txt"));
            out.write("hello".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        assertUserError("not a triax model", "predict", "--model", zip.toString(), good.resolve("alpha").toString());
    }

    @Test
    void truncatedModelIsNotAModel() throws IOException {
        byte[] bytes = Files.readAllBytes(model);
        Path cut = Files.write(dir.resolve("cut.triax"), Arrays.copyOf(bytes, bytes.length / 2));
        assertUserError("not a triax model", "predict", "--model", cut.toString(), good.resolve("alpha").toString());
    }

    @Test
    void modelOfANewerFormatAsksForAnUpgrade() throws IOException {
        Path newer = withMetadata(dir.resolve("newer.triax"), json -> json.put("formatVersion", 99));
        String line = assertUserError("format version 99", "predict", "--model", newer.toString(),
                good.resolve("alpha").toString());
        assertTrue(line.contains("upgrade triax"), line);
        assertUserError("format version 99", "evaluate", "--model", newer.toString(), "--data", good.toString());
    }

    @Test
    void modelWhoseWeightsBelongToAnotherNetworkIsRejected() throws IOException {
        Path other = withMetadata(dir.resolve("other.triax"),
                json -> ((ObjectNode) json.get("network")).put("design", "SEPARATE"));
        assertUserError("do not fit", "predict", "--model", other.toString(), good.resolve("alpha").toString());
    }

    @Test
    void recordingWithFewerChannelsThanTheModelIsNamedAndTheBatchGoesOn() throws IOException {
        Path two = TinyData.recording(dir.resolve("batch/two.csv"), 0, 2, TinyData.SAMPLES, Layout.HEADERLESS, 4);
        Path nan = TinyData.recording(dir.resolve("batch/nan.csv"), 1, 3, TinyData.SAMPLES, Layout.HEADERLESS, 5);
        Files.writeString(nan, Files.readString(nan).replaceFirst("\\n[^,\\n]*,", "\nNaN,"));
        Path fine = TinyData.recording(dir.resolve("batch/fine.csv"), 2, 3, TinyData.SAMPLES, Layout.HEADERLESS, 6);
        Map<String, String> before = TinyData.snapshot(models);
        for (String format : List.of("table", "csv", "json")) {
            Run r = TinyData.cli("predict", "--model", model.toString(), "--format", format, dir.resolve("batch").toString());
            assertEquals(TriaxCli.PARTIAL, r.status(), r.err());
            List<String> err = r.errLines();
            assertEquals(3, err.size(), r.err());
            assertTrue(err.stream().anyMatch(l -> l.startsWith("triax: error: ") && l.contains("two.csv")
                    && l.contains("no channel 'X'")), r.err());
            assertTrue(err.stream().anyMatch(l -> l.startsWith("triax: error: ") && l.contains("nan.csv")), r.err());
            assertEquals("triax: 2 of 3 recordings could not be scored", err.get(2));
            assertTrue(r.out().contains(fine.toString()), "the good recording is still scored: " + r.out());
        }
        Run csv = TinyData.cli("predict", "--model", model.toString(), "--format", "csv", dir.resolve("batch").toString());
        List<String> rows = csv.out().lines().toList();
        assertEquals(4, rows.size(), csv.out());
        String fineRow = rows.stream().filter(l -> l.startsWith(fine.toString())).findFirst().orElseThrow();
        assertTrue(fineRow.endsWith(","), "no error on the good row: " + fineRow);
        String twoRow = rows.stream().filter(l -> l.startsWith(two.toString())).findFirst().orElseThrow();
        assertTrue(twoRow.contains("no channel 'X'"), twoRow);
        assertEquals(rows.get(0).split(",", -1).length, twoRow.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1).length,
                "an error row has every column: " + twoRow);
        assertEquals(before, TinyData.snapshot(models), "the models folder changed");
    }

    @Test
    void evaluateReportsAClassTheModelDoesNotKnowApartThroughTheUnknownStateCheck() throws IOException {
        Path data = copyOfGood();
        TinyData.recording(data.resolve("delta/delta_0.csv"), 2, 3, TinyData.SAMPLES, Layout.HEADERLESS, 9);
        Run r = TinyData.cli("evaluate", "--model", model.toString(), "--data", data.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("of 1 recordings of classes the model does not know (delta) called unknown"), r.out());
    }

    @Test
    void evaluateOnAFolderWithNoClassOfTheModelIsNamed(@TempDir Path dir) throws IOException {
        Path data = dir.resolve("data");
        TinyData.recording(data.resolve("delta/delta_0.csv"), 2, 3, TinyData.SAMPLES, Layout.HEADERLESS, 9);
        TinyData.recording(data.resolve("echo/echo_0.csv"), 2, 3, TinyData.SAMPLES, Layout.HEADERLESS, 10);
        String line = assertUserError("holds no recording of the model's classes", "evaluate", "--model", model.toString(),
                "--data", data.toString());
        assertTrue(line.contains("alpha, bravo, charlie"), line);
    }
}
