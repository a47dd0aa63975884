package org.triax.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.artifact.ModelArtifact;
import org.triax.artifact.ModelKind;
import org.triax.testing.TinyData;
import org.triax.testing.TinyData.Run;
import org.triax.testing.TinyRuns;

/** {@code baseline} then {@code monitor} on a tiny run that drifts slowly and then breaks. */
class HealthCommandsTest {
    static final int SNAPSHOTS = 40;
    static final int STEP = 30;

    @TempDir
    static Path shared;
    static Path run;
    static Path models;
    static Path model;

    @TempDir
    Path dir;

    @BeforeAll
    static void baselineOnTheFirstHalf() {
        run = TinyRuns.run(shared.resolve("run"), SNAPSHOTS, STEP, 3);
        models = shared.resolve("models");
        Run r = TinyData.cli(TinyData.args("baseline", "--run", run, "--normal-first", "50%", "--false-alarm", "5%",
                "--detectors", "indicators,autoencoder", "--epochs", "8", "--out", models, TinyRuns.SMALL));
        assertEquals(0, r.status(), r.err() + r.out());
        List<Path> files = TinyData.filesEndingWith(models, ".triax");
        assertEquals(1, files.size());
        model = files.get(0);
    }

    @Test
    void theModelFileDescribesItselfAndIsAnAnomalyModel() throws IOException {
        assertTrue(model.getFileName().toString().matches("\\d{8}-\\d{6}_anomaly_false_alarm_5\\.00_test_\\d+\\.\\d{2}\\.triax"),
                model.toString());
        assertEquals(ModelKind.ANOMALY_DETECTOR, ModelKind.of(model));
        String base = model.getFileName().toString().replace(".triax", "");
        JsonNode m = ModelArtifact.JSON.readTree(models.resolve(base + ".metrics.json").toFile());
        assertEquals("anomaly-detector", m.path("kind").asText());
        assertEquals(0.05, m.path("config").path("falseAlarm").asDouble());
        assertEquals(20, m.path("normal").path("recordings").asInt());
        assertEquals("BY_RECORDING", m.path("split").path("protocol").asText());
        JsonNode det = m.path("detectors").get(0);
        assertEquals("indicators", det.path("name").asText());
        assertTrue(det.path("threshold").path("value").asDouble() > 0);
        assertTrue(det.path("threshold").path("heldOut").asInt() >= 59, "enough held-out windows for 5 %");
        assertEquals(24, det.path("parameters").path("cloud").path("mean").size(), "2 channels x (4 + 8 bands)");
        assertTrue(m.path("normal").path("fingerprint").asText().startsWith("sha256:"));
        assertEquals(42, m.path("split").path("seed").asInt());
        JsonNode ae = m.path("detectors").get(1);
        assertEquals("autoencoder", ae.path("name").asText());
        assertEquals("autoencoder.params", ae.path("weights").asText());
        assertEquals(8, ae.path("parameters").path("trainingLoss").size());
        assertTrue(Files.size(models.resolve(base + ".onnx")) > 1000, "the autoencoder's ONNX export beside the model");
    }

    @Test
    void exportWritesTheAutoencoderAndAClassifierCommandRefusesIt() {
        Path onnx = dir.resolve("ae.onnx");
        Run e = TinyData.cli(TinyData.args("export", "--model", model, "--out", onnx));
        assertEquals(0, e.status(), e.err());
        assertTrue(Files.isRegularFile(onnx));
        Run p = TinyData.cli(TinyData.args("predict", "--model", onnx, run.resolve("1.csv")));
        assertEquals(2, p.status(), p.err());
        assertTrue(p.err().contains(onnx + " is an anomaly model of normal vibration (made by triax baseline)"), p.err());
        assertTrue(p.err().contains("use triax monitor --model " + dir.resolve("ae.triax") + " RUN_DIR"), "the .triax, not the "
                + ".onnx: " + p.err());
    }

    @Test
    void monitorAlarmsAtTheStepNotOnTheDriftAndWritesCsvJsonAndPng() throws IOException {
        Path out = dir.resolve("monitor");
        Run r = TinyData.cli(TinyData.args("monitor", "--model", model, run, "--out", out, "--interval", "1min"));
        assertEquals(0, r.status(), r.err());
        // the fault starts at snapshot 30; three in a row above the threshold: alarm at 32
        assertTrue(r.out().contains("first alarm at snapshot " + (STEP + 2) + " of " + SNAPSHOTS), r.out());
        assertTrue(r.out().contains("8 min before the end of the run, 20.5 % of its life"), r.out());
        // where the time goes: CPU of reading, each detector and the rest of the process, and the rate it allows
        assertTrue(r.out().matches("(?s).*CPU per snapshot \\(all threads\\): reading [\\d.]+ ms, indicators [\\d.]+ ms, "
                + "autoencoder [\\d.]+ ms, other [\\d.]+ ms \\(other: JIT compilers, GC\\); in all [\\d.]+ ms: at most "
                + "[\\d.]+ snapshots/s on \\d+ cores.*"), r.out());
        List<Path> csv = TinyData.filesEndingWith(out, ".csv");
        assertEquals(1, csv.size());
        List<String> lines = Files.readAllLines(csv.get(0));
        assertEquals("snapshot,file,time_min,score_indicators,index_indicators,score_autoencoder,index_autoencoder,trend,state,"
                + "baseline,error", lines.get(0));
        assertEquals(SNAPSHOTS + 1, lines.size());
        assertTrue(lines.get(1).startsWith("1,1.csv,0.00000,") && lines.get(1).endsWith(",NORMAL,true,"), lines.get(1));
        assertTrue(r.out().matches("(?s).*autoencoder +first alarm at snapshot 3[0-3] of.*"), "the autoencoder sees the step too: "
                + r.out());
        assertTrue(lines.get(STEP + 2).endsWith(",ALARM,false,"), lines.get(STEP + 2));
        for (int k = 1; k < STEP; k++) {
            assertTrue(lines.get(k).contains(",NORMAL,"), "no alarm on the drift: " + lines.get(k));
        }
        JsonNode json = ModelArtifact.JSON.readTree(TinyData.filesEndingWith(out, ".json").get(0).toFile());
        assertEquals(STEP + 2, json.path("firstAlarms").get(0).path("snapshot").asInt());
        assertEquals(SNAPSHOTS, json.path("rows").size());
        Path png = TinyData.filesEndingWith(out, ".png").get(0);
        assertTrue(Files.size(png) > 10_000);

        // a second run never overwrites the first: it takes the next free name
        var before = TinyData.snapshot(out);
        Run again = TinyData.cli(TinyData.args("monitor", "--model", model, run, "--out", out, "--persist", "1"));
        assertEquals(0, again.status(), again.err());
        assertEquals(2, TinyData.filesEndingWith(out, ".csv").size());
        before.forEach((f, sha) -> assertEquals(sha, TinyData.snapshot(out).get(f), f + " changed"));
        assertTrue(again.out().contains("first alarm at snapshot " + STEP + " of"), again.out());
    }

    @Test
    void corruptSnapshotsInARunOrderedByItsTimeColumnAreFailedRowsAndTheRestKeepTheirTimeOrder() throws IOException {
        // names that say nothing of the order (a permutation of letters): the time column, minute k, orders the run
        Path timed = dir.resolve("timed");
        Files.createDirectories(timed);
        java.util.Map<String, Integer> minute = new java.util.HashMap<>();
        for (int k = 1; k <= SNAPSHOTS; k++) {
            int p = k * 17 % 41;
            String name = "snap_" + (char) ('a' + p / 26) + (char) ('a' + p % 26) + ".csv";
            minute.put(name, k);
            StringBuilder sb = new StringBuilder("time,ch0,ch1\n");
            List<String> rows = Files.readAllLines(run.resolve(k + ".csv"));
            for (int i = 0; i < rows.size(); i++) {
                sb.append(60.0 * k + i / TinyRuns.FS).append(',').append(rows.get(i)).append('\n');
            }
            Files.writeString(timed.resolve(name), sb);
        }
        String cut = "snap_" + (char) ('a' + 10 * 17 % 41 / 26) + (char) ('a' + 10 * 17 % 41 % 26) + ".csv";
        Files.writeString(timed.resolve(cut), "not,a\nrecording\n");
        Path gz = timed.resolve("snap_zz.csv.gz");
        Files.write(gz, new byte[] {31, -117, 8, 0, 1, 2, 3});
        Path out = dir.resolve("monitor-timed");
        Run r = TinyData.cli(TinyData.args("monitor", "--model", model, timed, "--out", out));
        assertEquals(TriaxCli.PARTIAL, r.status(), r.err());
        assertTrue(r.err().contains("2 of " + (SNAPSHOTS + 1) + " snapshots could not be scored"), r.err());
        List<String> lines = Files.readAllLines(TinyData.filesEndingWith(out, ".csv").get(0));
        assertEquals(SNAPSHOTS + 2, lines.size());
        int last = 0;
        java.util.Set<String> failed = new java.util.TreeSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            if (line.contains(",FAILED,")) {
                failed.add(cells[1]);
                assertEquals("NaN", cells[2], line);
                continue;
            }
            int k = minute.get(cells[1]);
            assertTrue(k > last, "in time order: " + line);
            last = k;
            assertEquals(k - 1.0, Double.parseDouble(cells[2]), 1e-4, "minutes since the first: " + line);
            assertEquals(k >= STEP + 2, line.contains(",ALARM,"), line);
        }
        assertEquals(new java.util.TreeSet<>(List.of(cut, "snap_zz.csv.gz")), failed);
    }

    @Test
    void aBadSnapshotInTheMiddleIsAFailedRowLeftOutOfTheAlarmAndThePartialExitCode() throws IOException {
        // snapshot 7 of 16 is short; the others are still in ONNX Runtime when it fails, which once crashed the JVM.
        // The step is at 12 of 16 with 3 in a row: a failed snapshot inside the streak neither breaks nor counts in it
        Path bad = dir.resolve("bad");
        Files.createDirectories(bad);
        for (int k = 1; k <= 16; k++) {
            Files.copy(run.resolve((k < 12 ? k : STEP + k - 12) + ".csv"), bad.resolve(k + ".csv"));
        }
        TinyRuns.snapshot(bad.resolve("7.csv"), 7, false, 2048, 7, false);
        Files.writeString(bad.resolve("13.csv"), "not,a\nrecording\n");
        Path out = dir.resolve("monitor-bad");
        Run r = TinyData.cli(TinyData.args("monitor", "--model", model, bad, "--out", out, "--threads", 2));
        assertEquals(TriaxCli.PARTIAL, r.status(), r.err());
        List<String> err = r.errLines();
        assertEquals(3, err.size(), r.err());
        assertEquals("triax: warning: snapshot 7 of 16 left out of the trend and the alarm: " + bad.resolve("7.csv")
                + ": 2048 samples, but " + bad.resolve("1.csv") + " has 4096: every snapshot of a run must have the same "
                + "length (remove or re-record it)", err.get(0));
        assertTrue(err.get(1).startsWith("triax: warning: snapshot 13 of 16 left out of the trend and the alarm: "
                + bad.resolve("13.csv")), err.get(1));
        assertTrue(err.get(2).contains("2 of 16 snapshots could not be scored"), err.get(2));
        List<String> lines = Files.readAllLines(TinyData.filesEndingWith(out, ".csv").get(0));
        assertEquals(17, lines.size());
        assertTrue(lines.get(7).matches("7,7\\.csv,7\\.00000,,,,,,FAILED,false,.*2048 samples.*"), lines.get(7));
        assertTrue(lines.get(13).contains(",FAILED,"), lines.get(13));
        assertTrue(lines.get(12).contains(",ABOVE,") && lines.get(14).contains(",ABOVE,") && lines.get(15).contains(",ALARM,"),
                "12, 14 and 15 are three scored snapshots in a row above: " + lines.subList(12, 16));
        for (int k = 1; k < 12; k++) {
            assertTrue(lines.get(k).contains(k == 7 ? ",FAILED," : ",NORMAL,"), lines.get(k));
        }
        JsonNode json = ModelArtifact.JSON.readTree(TinyData.filesEndingWith(out, ".json").get(0).toFile());
        assertEquals(2, json.path("failed").asInt());
        assertEquals(15, json.path("firstAlarms").get(0).path("snapshot").asInt());
        assertTrue(json.path("rows").get(6).path("error").asText().contains("2048 samples"));
    }

    @Test
    void monitorRunsTheAutoencoderFromTheOnnxBesideTheModelAndNeverLoadsPyTorch() throws Exception {
        Path classes = dir.resolve("classes.log");
        Path log = dir.resolve("child.log");
        Process p = MonitorResumeTest.child(dir, log, List.of("-Xlog:class+load=info:file=" + classes), "monitor", "--model",
                model, run, "--out", dir.resolve("child-out"));
        assertEquals(0, p.waitFor(), Files.readString(log));
        String loaded = Files.readString(classes);
        assertTrue(loaded.contains("ai.onnxruntime.OrtSession "), "the autoencoder ran on ONNX Runtime");
        assertFalse(loaded.contains("ai.djl.pytorch"), "PyTorch (DJL's engine) was loaded: " + loaded.lines()
                .filter(l -> l.contains("ai.djl.pytorch")).findFirst().orElse(""));
        assertFalse(Files.readString(log).contains("rebuilding"), Files.readString(log));

        // without the export beside it the graph is rebuilt, with a note; an export of other weights is refused
        Path alone = Files.createDirectories(dir.resolve("alone")).resolve(model.getFileName());
        Files.copy(model, alone);
        Run rebuilt = TinyData.cli(TinyData.args("monitor", "--model", alone, run, "--out", dir.resolve("m1")));
        assertEquals(0, rebuilt.status(), rebuilt.err());
        Path beside = org.triax.onnx.OnnxExport.defaultPath(alone);
        assertTrue(rebuilt.out().contains("note: no " + beside.getFileName() + " beside the model: rebuilding the "
                + "autoencoder's ONNX graph"), rebuilt.out());
        ai.onnx.proto.OnnxMl.ModelProto export = ai.onnx.proto.OnnxMl.ModelProto.parseFrom(Files.readAllBytes(
                org.triax.onnx.OnnxExport.defaultPath(model)));
        ai.onnx.proto.OnnxMl.ModelProto.Builder other = export.toBuilder().clearMetadataProps();
        export.getMetadataPropsList().forEach(e -> other.addMetadataProps(e.getKey().equals(
                org.triax.onnx.OnnxExport.WEIGHTS_SHA256) ? e.toBuilder().setValue("0".repeat(64)).build() : e));
        Files.write(beside, other.build().toByteArray());
        Run refused = TinyData.cli(TinyData.args("monitor", "--model", alone, run, "--out", dir.resolve("m2")));
        assertEquals(2, refused.status(), refused.err());
        assertEquals(List.of("triax: error: " + beside + " is not the export of this model's autoencoder (other weights): "
                + "delete it (it is then rebuilt) or run triax export --model MODEL.triax --out " + beside
                + " after deleting it"), refused.errLines());
    }
}
