package org.triax.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.artifact.ModelArtifact;
import org.triax.testing.TinyData;
import org.triax.testing.TinyData.Layout;
import org.triax.testing.TinyData.Run;

/** {@code baseline --normal-class} on a labelled folder, then {@code evaluate}: normal vs the rest. */
class HealthEvaluateTest {
    @TempDir
    Path dir;

    @Test
    void evaluateScoresTheSavedNormalTestBlocksAgainstEveryOtherRecording() throws Exception {
        Path data = TinyData.dataset(dir.resolve("data"), 3, 4, Layout.HEADER_WITH_TIME, 5);
        Path models = dir.resolve("models");
        Run b = TinyData.cli(TinyData.args("baseline", "--data", data, "--normal-class", "alpha", "--false-alarm", "10%",
                "--out", models, TinyData.SMALL));
        assertEquals(0, b.status(), b.err());
        Path model = TinyData.filesEndingWith(models, ".triax").get(0);
        Path out = dir.resolve("eval");
        Run e = TinyData.cli(TinyData.args("evaluate", "--model", model, "--data", data, "--out", out));
        assertEquals(0, e.status(), e.err());
        // 4 alpha recordings split 2/1/1: the one test recording against the 8 others
        assertTrue(e.out().contains("scored: 1 normal test block(s) saved in the model"), e.out());
        assertTrue(e.out().matches("(?s).*indicators +recordings +1 +8 +1\\.0000 +1\\.0000 .*"), e.out());
        assertTrue(e.out().contains("bravo"), e.out());
        assertTrue(e.out().matches("(?s).*\n(better here: (indicators|autoencoder)|the detectors tie here) \\(ROC AUC recordings "
                + "/ windows: .*"), "which detector wins: " + e.out());
        Path json = TinyData.filesEndingWith(out, ".json").get(0);
        JsonNode j = ModelArtifact.JSON.readTree(json.toFile());
        assertEquals(1.0, j.path("detectors").path("indicators").path("perClass").path("charlie").asDouble());
        assertEquals(31, j.path("detectors").path("indicators").path("windows").path("normal").asInt());
        assertTrue(Files.size(TinyData.filesEndingWith(out, ".roc.png").get(0)) > 10_000);

        // every normal window with --all-windows; a folder of the normal class alone cannot be evaluated
        Run all = TinyData.cli(TinyData.args("evaluate", "--model", model, "--data", data, "--out", out, "--all-windows"));
        assertTrue(all.out().contains("every window of 4 normal recordings"), all.out());
        Path onlyNormal = dir.resolve("only");
        Files.createDirectories(onlyNormal);
        Files.move(data.resolve("alpha"), onlyNormal.resolve("alpha"));
        Run bad = TinyData.cli(TinyData.args("evaluate", "--model", model, "--data", onlyNormal, "--out", out));
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("has only the normal class 'alpha': evaluating a detector needs at least one other class"),
                bad.err());
    }
}
