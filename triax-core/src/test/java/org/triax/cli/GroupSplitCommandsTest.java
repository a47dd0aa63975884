package org.triax.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.artifact.ModelArtifact;
import org.triax.artifact.ModelMetadata;
import org.triax.testing.TinyData;
import org.triax.testing.TinyData.Run;

/** train --group-by keeps groups on one side and saves them; cv holds each group out once. */
class GroupSplitCommandsTest {
    @TempDir
    static Path dir;
    static Path data;

    /** Two classes, 4 recordings each; recording k of every class is "machine k". */
    @BeforeAll
    static void data() {
        data = TinyData.dataset(dir.resolve("data"), 2, 4, TinyData.Layout.HEADER_WITH_TIME, 5);
    }

    @Test
    void trainByGroupSavesTheGroupsAndNeverSplitsOne() throws Exception {
        Path out = dir.resolve("models");
        Run r = TinyData.cli(TinyData.args(List.of("train", "--data", data.toString(), "--out", out.toString(),
                "--mode", "fused", "--epochs", "1", "--group-by", "_(\\d+)\\.csv$"), TinyData.SMALL));
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("split: by-group (path regex _(\\d+)\\.csv$)"), r.out());
        Path model = TinyData.filesEndingWith(out, ".triax").get(0);
        ModelMetadata.Split split = ModelArtifact.load(model).metadata().split();
        assertEquals("BY_GROUP", split.protocol());
        assertEquals("path regex _(\\d+)\\.csv$", split.grouping());
        Map<String, String> setOfGroup = new HashMap<>();
        for (ModelMetadata.Block b : split.blocks()) {
            String expected = b.file().replaceAll(".*_(\\d+)\\.csv$", "$1");
            assertEquals(expected, b.group(), b.file());
            String before = setOfGroup.put(b.group(), b.subset());
            assertTrue(before == null || before.equals(b.subset()), "group " + b.group() + " split across sets");
        }
        assertEquals(Set.of("TRAIN", "VALIDATION", "TEST"), new HashSet<>(setOfGroup.values()));
        assertEquals(List.of(), TinyData.filesEndingWith(out, ".reserved"), "the name reservation is released");

        // evaluate reads those saved test blocks back and reproduces the stored test accuracy
        Run e = TinyData.cli("evaluate", "--model", model.toString(), "--data", data.toString());
        assertEquals(0, e.status(), e.err());
        assertTrue(e.out().contains("scored: test set saved in the model (by-group, path regex"), e.out());
        double stored = ModelArtifact.load(model).metadata().test().accuracy();
        assertTrue(e.out().contains(String.format(java.util.Locale.ROOT, "accuracy %.2f %%", 100 * stored)), e.out());
    }

    @Test
    void evaluateSaysWhenTheTrainingFolderChangedAndThenScoresEveryWindow() throws Exception {
        Path own = TinyData.dataset(dir.resolve("changing"), 2, 3, TinyData.Layout.HEADER_WITH_TIME, 9);
        Path out = dir.resolve("changing-models");
        Run t = TinyData.cli(TinyData.args(List.of("train", "--data", own.toString(), "--out", out.toString(),
                "--mode", "fused", "--epochs", "1"), TinyData.SMALL));
        assertEquals(0, t.status(), t.err());
        Path model = TinyData.filesEndingWith(out, ".triax").get(0);
        TinyData.recording(own.resolve("alpha/alpha_new.csv"), 0, 3, TinyData.SAMPLES,
                TinyData.Layout.HEADER_WITH_TIME, 99);
        Run e = TinyData.cli("evaluate", "--model", model.toString(), "--data", own.toString());
        assertEquals(0, e.status(), e.err());
        assertTrue(e.err().startsWith("triax: note: the data in " + own + " changed since the model was trained"), e.err());
        assertTrue(e.out().contains("scored: all windows of 7 recordings"), e.out());
    }

    @Test
    void cvHoldsEveryGroupOutOnceAndReportsMeanAndSpread() throws Exception {
        Path out = dir.resolve("cv");
        Run r = TinyData.cli(TinyData.args(List.of("cv", "--data", data.toString(), "--out", out.toString(),
                "--mode", "fused", "--epochs", "1", "--group-by", "_(\\d+)\\.csv$"), TinyData.SMALL));
        assertEquals(0, r.status(), r.err());
        for (String g : List.of("0", "1", "2", "3")) {
            assertTrue(r.out().lines().anyMatch(l -> l.matches("fold " + g + " +fused .*")), r.out());
        }
        assertTrue(r.out().lines().anyMatch(l -> l.matches("fused +4 +[0-9.]+ \\+- +[0-9.]+ % +[0-9.]+ \\+- +[0-9.]+ %")),
                r.out());
        List<Path> reports = TinyData.filesEndingWith(out, ".json");
        assertEquals(1, reports.size());
        JsonNode report = ModelArtifact.JSON.readTree(Files.readAllBytes(reports.get(0)));
        assertEquals(4, report.path("folds").size());
        Set<String> held = new HashSet<>();
        double sum = 0;
        for (JsonNode f : report.path("folds")) {
            held.add(f.path("heldOut").asText());
            assertEquals(2, f.path("testRecordings").asInt(), "each machine has one recording of each class");
            sum += f.path("recordingAccuracy").asDouble();
        }
        assertEquals(Set.of("0", "1", "2", "3"), held);
        assertEquals(sum / 4, report.path("summaries").get(0).path("meanRecordingAccuracy").asDouble(), 1e-12);
        assertEquals(List.of(), TinyData.filesEndingWith(out, ".triax"), "cv keeps no model files");
    }

    @Test
    void cvWithoutGroupsOrWithTooFewIsAOneLineError() {
        Run none = TinyData.cli(TinyData.args(List.of("cv", "--data", data.toString(), "--out",
                dir.resolve("x").toString(), "--epochs", "1"), TinyData.SMALL));
        assertEquals(2, none.status());
        assertTrue(none.err().startsWith("triax: error: cv needs groups"), none.err());
        Run two = TinyData.cli(TinyData.args(List.of("cv", "--data", data.toString(), "--out",
                dir.resolve("x").toString(), "--epochs", "1", "--group-by", "^([ab])"), TinyData.SMALL));
        assertEquals(2, two.status(), two.out());
        assertEquals(1, two.errLines().size(), two.err());
        assertTrue(two.err().contains("cv needs at least 3 groups"), two.err());
    }

    @Test
    void trainWithoutSizesChoosesThemFromTheDataAndSaysSo() throws Exception {
        Path out = dir.resolve("auto");
        Run r = TinyData.cli("train", "--data", data.toString(), "--out", out.toString(), "--mode", "fused",
                "--epochs", "1");
        assertEquals(0, r.status(), r.err());
        // 4096-sample recordings: 1024-sample windows give only 7, so 256 (31 windows) is chosen
        assertTrue(r.out().contains("sizes from the data (shortest recording 4096 samples): window 256, hop 128, "
                + "STFT segment 64, overlap 56 -> 31 windows"), r.out());
        ModelMetadata m = ModelArtifact.load(TinyData.filesEndingWith(out, ".triax").get(0)).metadata();
        assertEquals(256, m.preprocessing().window().length());
        assertTrue(m.dataset().notes().get(0).startsWith("sizes from the data"), m.dataset().notes().toString());
    }
}
