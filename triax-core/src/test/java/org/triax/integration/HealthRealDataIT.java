package org.triax.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.artifact.ModelArtifact;
import org.triax.testing.TinyData;
import org.triax.testing.TinyData.Run;

/**
 * The health targets on the real data in {@code ../shared/data} (skipped when absent): XJTU-SY
 * Bearing1_1 learned from its first 20 % raises no alarm on the slow drift before minute 70 and
 * alarms within 5 snapshots of the step at minutes 76-80; normal vs faulty recordings of CWRU and
 * Kafeel separate with a recording-level ROC AUC of at least 0.99. The classical detector only: the
 * autoencoder trains for minutes on these sets (bench/health.sh measures both).
 */
class HealthRealDataIT {
    @TempDir
    Path dir;

    private Path model(Object... baselineArgs) {
        Path out = dir.resolve("models");
        Run r = TinyData.cli(TinyData.args("baseline", java.util.Arrays.asList(baselineArgs), "--detectors", "indicators",
                "--out", out));
        assertEquals(0, r.status(), r.err() + r.out());
        return TinyData.filesEndingWith(out, ".triax").get(0);
    }

    @Test
    void xjtuBearing1_1AlarmsAtTheStepNotOnTheDrift() throws Exception {
        Path run = RealDataTrainingIT.dataset("xjtu-sy-run-to-failure/Bearing1_1");
        Path model = model("--run", run, "--normal-first", "20%", "--fs", "25600");
        Path out = dir.resolve("monitor");
        Run m = TinyData.cli(TinyData.args("monitor", "--model", model, run, "--out", out, "--interval", "1min"));
        assertEquals(0, m.status(), m.err());
        JsonNode json = ModelArtifact.JSON.readTree(TinyData.filesEndingWith(out, ".json").get(0).toFile());
        int first = json.path("firstAlarms").get(0).path("snapshot").asInt();
        assertTrue(first >= 70 && first <= 81, "first alarm at minute " + first + "\n" + m.out());
    }

    @Test
    void kafeelNormalVsFaultyRecordingsSeparate() throws Exception {
        Path data = RealDataTrainingIT.dataset("kafeel-motor-triaxial");
        Path model = model("--data", data, "--normal-class", "normal", "--fs", "1000");
        JsonNode e = evaluate(model, data);
        assertTrue(e.path("recordings").path("auc").asDouble() >= 0.99, e.toString());
    }

    @Test
    void cwruNormalVsEveryFaultSeparates() throws Exception {
        Path data = RealDataTrainingIT.dataset("cwru-48k-10class");
        // one 5 s normal recording: its 30 % threshold block holds 141 windows, enough for 5 % (59), not 1 % (299)
        Path model = model("--data", data, "--normal-class", "normal", "--fs", "48000", "--false-alarm", "5%");
        JsonNode e = evaluate(model, data);
        e.path("perClass").fields().forEachRemaining(c -> assertTrue(c.getValue().asDouble() >= 0.99, c.getKey() + " " + e));
        e.path("perClassWindows").fields().forEachRemaining(c -> assertTrue(c.getValue().asDouble() >= 0.99, c.getKey() + " " + e));
        assertEquals(9, e.path("perClass").size());
    }

    /** The first detector's figures of {@code triax evaluate}. */
    private JsonNode evaluate(Path model, Path data) throws Exception {
        Path out = dir.resolve("eval");
        Run r = TinyData.cli(TinyData.args("evaluate", "--model", model, "--data", data, "--out", out));
        assertEquals(0, r.status(), r.err());
        JsonNode j = ModelArtifact.JSON.readTree(TinyData.filesEndingWith(out, ".json").get(0).toFile());
        return j.path("detectors").elements().next();
    }
}
