package org.triax.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.testing.TinyData;
import org.triax.testing.TinyData.Run;
import org.triax.testing.TinyRuns;

/**
 * Bad input to baseline and monitor, and models of the wrong kind: exit status 2, one line
 * "triax: error: ..." naming the file and the fix (after a warning per snapshot a monitor left out),
 * and nothing written or overwritten. One bad snapshot among good ones is a warning, exit status 3.
 */
class HealthBadInputTest {
    @TempDir
    static Path shared;
    static Path model;
    static Path models;

    @TempDir
    Path dir;

    @BeforeAll
    static void oneModel() {
        Path run = TinyRuns.run(shared.resolve("run"), 12, 0, 5);
        models = shared.resolve("models");
        Run r = TinyData.cli(TinyData.args("baseline", "--run", run, "--normal-first", "100%", "--false-alarm", "5%",
                "--detectors", "indicators", "--out", models, TinyRuns.SMALL));
        assertEquals(0, r.status(), r.err());
        model = TinyData.filesEndingWith(models, ".triax").get(0);
    }

    /** Runs the command and checks the error contract; returns the one error line. */
    private static String fails(Path watched, Object... args) {
        Map<String, String> before = TinyData.snapshot(watched);
        Run r = TinyData.cli(TinyData.args(args));
        assertEquals(2, r.status(), r.out() + r.err());
        List<String> lines = r.errLines();
        // a monitor that gives up after scoring says first which snapshots it left out
        lines.subList(0, lines.size() - 1).forEach(w -> assertTrue(w.startsWith("triax: warning: "), r.err()));
        String error = lines.get(lines.size() - 1);
        assertTrue(error.startsWith("triax: error: "), error);
        assertEquals(before, TinyData.snapshot(watched), "nothing written or overwritten in " + watched);
        return error;
    }

    private Path monitorOut() {
        return dir.resolve("monitor");
    }

    @Test
    void aRunOfOneSnapshot() {
        Path run = TinyRuns.run(dir.resolve("one"), 1, 0, 1);
        String e = fails(monitorOut(), "monitor", "--model", model, run, "--out", monitorOut());
        assertTrue(e.contains("has one snapshot (" + run.resolve("1.csv") + "): monitoring needs a time series of at least 2"), e);
    }

    @Test
    void aSnapshotOfAnotherLengthIsLeftOutWithAWarningAndThePartialExitCode() {
        Path run = TinyRuns.run(dir.resolve("lengths"), 3, 0, 1);
        TinyRuns.snapshot(run.resolve("4.csv"), 4, false, 2048, 9, false);
        Run r = TinyData.cli(TinyData.args("monitor", "--model", model, run, "--out", monitorOut()));
        assertEquals(TriaxCli.PARTIAL, r.status(), r.err());
        assertTrue(r.errLines().get(0).startsWith("triax: warning: snapshot 4 of 4 left out of the trend and the alarm: "
                + run.resolve("4.csv") + ": 2048 samples, but " + run.resolve("1.csv") + " has 4096"), r.err());
    }

    @Test
    void aRunWhereOnlyOneSnapshotScoresIsAnError() {
        Path run = TinyRuns.run(dir.resolve("one-good"), 1, 0, 1);
        TinyRuns.snapshot(run.resolve("2.csv"), 2, false, 2048, 9, false);
        String e = fails(monitorOut(), "monitor", "--model", model, run, "--out", monitorOut());
        assertTrue(e.contains("only 1 of 2 snapshots of " + run + " could be scored: monitoring needs at least 2 ("
                + run.resolve("2.csv") + ": 2048 samples"), e);
    }

    @Test
    void snapshotsOfDifferentSamplingRates() throws IOException {
        Path run = dir.resolve("rates");
        TinyRuns.snapshot(run.resolve("1.csv"), 1, false, 4096, 1, true);
        TinyRuns.snapshot(run.resolve("2.csv"), 2, false, 4096, 2, true);
        // the same samples stamped at 2 kHz
        List<String> lines = Files.readAllLines(run.resolve("2.csv"));
        StringBuilder sb = new StringBuilder(lines.get(0)).append('\n');
        for (int i = 1; i < lines.size(); i++) {
            sb.append((i - 1) / 2000.0).append(lines.get(i).substring(lines.get(i).indexOf(','))).append('\n');
        }
        Files.writeString(run.resolve("2.csv"), sb);
        String e = fails(monitorOut(), "monitor", "--model", model, run, "--out", monitorOut());
        assertTrue(e.contains(run.resolve("2.csv") + ": sampled at 2000.0 Hz"), e);
    }

    @Test
    void duplicateSnapshotTimes() {
        Path run = dir.resolve("dup");
        TinyRuns.snapshot(run.resolve("a_20240101-100000.csv"), 1, false, 4096, 1, false);
        TinyRuns.snapshot(run.resolve("b_20240101-100000.csv"), 2, false, 4096, 2, false);
        String e = fails(monitorOut(), "monitor", "--model", model, run, "--out", monitorOut());
        assertTrue(e.contains("two snapshots have the same time") && e.contains("a_20240101-100000.csv")
                && e.contains("b_20240101-100000.csv"), e);
    }

    @Test
    void snapshotTimesThatContradictTheNumbering() throws IOException {
        Path run = dir.resolve("order");
        for (int k = 1; k <= 3; k++) {
            TinyRuns.snapshot(run.resolve(k + ".csv"), k, false, 4096, k, true);
        }
        // clock times: 2.csv starts before 1.csv
        shift(run.resolve("1.csv"), 600);
        shift(run.resolve("2.csv"), 300);
        shift(run.resolve("3.csv"), 900);
        String e = fails(monitorOut(), "monitor", "--model", model, run, "--out", monitorOut());
        assertTrue(e.contains("snapshot times are not monotonic: " + run.resolve("2.csv")), e);
    }

    private static void shift(Path csv, double seconds) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        StringBuilder sb = new StringBuilder(lines.get(0)).append('\n');
        for (int i = 1; i < lines.size(); i++) {
            int comma = lines.get(i).indexOf(',');
            sb.append(Double.parseDouble(lines.get(i).substring(0, comma)) + seconds).append(lines.get(i).substring(comma))
                    .append('\n');
        }
        Files.writeString(csv, sb);
    }

    @Test
    void aNormalSetTooSmallForTheFalseAlarmRate() {
        Path run = TinyRuns.run(dir.resolve("small"), 10, 0, 1);
        String e = fails(models, "baseline", "--run", run, "--out", models, TinyRuns.SMALL);
        // 20 % of 10 snapshots = 2: time blocks; 30 % of 2 x 4096 samples hold 2 x 8 windows
        assertTrue(e.contains("held-out normal windows cannot set a 1% false-alarm threshold: it needs at least 299"), e);
        assertTrue(e.contains("the first 20% of run " + run), e);
    }

    @Test
    void anAnomalyModelGivenToPredictOrExport() {
        Path rec = TinyRuns.snapshot(dir.resolve("x.csv"), 1, false, 4096, 1, false);
        String e = fails(models, "predict", "--model", model, rec);
        assertTrue(e.contains(model + " is an anomaly model of normal vibration (made by triax baseline), but this command "
                + "needs a classifier (made by triax train); use triax monitor --model " + model), e);
        String x = fails(models, "export", "--model", model, "--out", dir.resolve("m.onnx"));
        assertTrue(x.contains(model + " has no network detector to export as ONNX"), x);
    }

    @Test
    void aClassifierGivenToMonitor() throws IOException {
        Path classifier = dir.resolve("classifier.triax");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(classifier))) {
            zip.putNextEntry(new ZipEntry("triax-model.json"));
            zip.write("{\"format\":\"triax-model\",\"formatVersion\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        Path run = TinyRuns.run(dir.resolve("r"), 2, 0, 1);
        String e = fails(monitorOut(), "monitor", "--model", classifier, run, "--out", monitorOut());
        assertTrue(e.contains(classifier + " is a classifier (made by triax train), but this command needs an anomaly model "
                + "of normal vibration (made by triax baseline); use triax predict --model " + classifier), e);
        Path onnx = Files.write(dir.resolve("classifier.onnx"), new byte[] {8, 8, 18, 5});
        String o = fails(monitorOut(), "monitor", "--model", onnx, run, "--out", monitorOut());
        assertTrue(o.contains(onnx + " is an ONNX file, but this command needs an anomaly model of normal vibration: the .triax "
                + "file made by triax baseline (a classifier's .onnx goes to triax predict --model " + onnx + ")"), o);
    }
}
