package org.triax.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.triax.testing.TinyData;
import org.triax.testing.TinyData.Run;
import org.triax.testing.TinyRuns;

/**
 * {@code monitor} killed with SIGKILL midway and run again with {@code --resume}: the snapshots
 * already written are not scored again, and the rows and alarm are those of an uninterrupted run
 * (the trend and the persistence streak rebuilt from the rows).
 */
class MonitorResumeTest {
    static final int SNAPSHOTS = 100;
    static final int STEP = 80;

    @TempDir
    static Path shared;
    static Path run;
    static Path model;
    static Path otherModel;
    static String reference;
    static JsonNode refJson;

    @TempDir
    Path dir;

    @BeforeAll
    static void modelAndUninterruptedRun() throws IOException {
        run = TinyRuns.run(shared.resolve("run"), SNAPSHOTS, STEP, 11);
        Run b = TinyData.cli(TinyData.args("baseline", "--run", run, "--normal-first", "50%", "--false-alarm", "5%",
                "--detectors", "indicators", "--out", shared.resolve("models"), TinyRuns.SMALL));
        assertEquals(0, b.status(), b.err() + b.out());
        model = TinyData.filesEndingWith(shared.resolve("models"), ".triax").get(0);
        Run b2 = TinyData.cli(TinyData.args("baseline", "--run", run, "--normal-first", "50%", "--false-alarm", "10%",
                "--detectors", "indicators", "--out", shared.resolve("other"), TinyRuns.SMALL));
        assertEquals(0, b2.status(), b2.err() + b2.out());
        otherModel = TinyData.filesEndingWith(shared.resolve("other"), ".triax").get(0);
        Path whole = shared.resolve("whole");
        Run ref = TinyData.cli(TinyData.args("monitor", "--model", model, run, "--out", whole));
        assertEquals(0, ref.status(), ref.err());
        reference = Files.readString(TinyData.filesEndingWith(whole, ".csv").get(0));
        refJson = ModelArtifact.JSON.readTree(TinyData.filesEndingWith(whole, ".json").get(0).toFile());
        assertTrue(refJson.path("firstAlarms").get(0).path("snapshot").asInt() > 3, "an alarm to rebuild: " + ref.out());
    }

    /** A triax command in a child JVM (the class path in an argfile: ONNX Runtime 1.29 crashes on a long command line). */
    static Process child(Path dir, Path log, List<String> jvm, Object... args) throws IOException {
        Path argfile = Files.writeString(dir.resolve("cp.args"),
                "-cp \"" + System.getProperty("java.class.path").replace("\\", "\\\\") + "\"\n");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true"));
        cmd.addAll(jvm);
        cmd.add("@" + argfile);
        cmd.add(TriaxCli.class.getName());
        cmd.addAll(List.of(TinyData.args(args)));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    void aMonitorKilledMidwayAndResumedScoresEverySnapshotOnceToTheSameRowsAndAlarm() throws Exception {
        Path out = dir.resolve("killed");
        Path log = dir.resolve("child.log");
        Process p = child(dir, log, List.of(), "monitor", "--model", model, run, "--out", out, "--threads", 1);
        // kill it once a few rows are out: most are still to come
        Path partial = null;
        while (p.isAlive() && (partial == null || Files.readAllLines(partial).size() < 4)) {
            List<Path> found = Files.isDirectory(out) ? TinyData.filesEndingWith(out, ".csv.partial") : List.of();
            partial = found.isEmpty() ? null : found.get(0);
            Thread.sleep(2);
        }
        assertTrue(p.isAlive(), "the child ended before it could be killed: " + Files.readString(log));
        p.destroyForcibly(); // SIGKILL on Linux
        p.waitFor();
        assertTrue(TinyData.filesEndingWith(out, ".csv").isEmpty() && TinyData.filesEndingWith(out, ".json").isEmpty(),
                "nothing under a final name");
        String before = Files.readString(partial);
        int done = (int) before.lines().count() - 1 - (before.endsWith("\n") ? 0 : 1);
        assertTrue(done >= 3 && done < SNAPSHOTS, done + " rows before the kill");
        assertTrue(reference.startsWith(before.substring(0, before.lastIndexOf('\n') + 1)), "the rows so far are the reference's");

        // another model, or the same with another alarm rule, is refused: its rows would not be this run's
        for (List<Object> other : List.<List<Object>>of(List.of("--model", otherModel), List.of("--model", model, "--persist", 5))) {
            Run refused = TinyData.cli(TinyData.args("monitor", other, run, "--out", out, "--resume"));
            assertEquals(2, refused.status(), refused.err());
            assertTrue(refused.err().contains("was started by another model or with other options"), refused.err());
            assertEquals(before, Files.readString(partial));
        }

        Run again = TinyData.cli(TinyData.args("monitor", "--model", model, run, "--out", out, "--resume"));
        assertEquals(0, again.status(), again.err());
        assertTrue(again.out().contains(done + " of " + SNAPSHOTS + " snapshots already scored"), again.out());
        assertTrue(again.out().contains("scored " + (SNAPSHOTS - done) + " snapshots of"), "each snapshot once: " + again.out());
        assertFalse(Files.exists(partial));
        assertEquals(reference, Files.readString(TinyData.filesEndingWith(out, ".csv").get(0)));
        JsonNode json = ModelArtifact.JSON.readTree(TinyData.filesEndingWith(out, ".json").get(0).toFile());
        assertEquals(refJson.path("firstAlarms"), json.path("firstAlarms"));
        assertEquals(refJson.path("rows"), json.path("rows"));
        assertTrue(TinyData.filesEndingWith(out, ".reserved").isEmpty(), "the killed run's reservation is cleared");

        Run done2 = TinyData.cli(TinyData.args("monitor", "--model", model, run, "--out", out, "--resume"));
        assertEquals(0, done2.status(), done2.err());
        assertTrue(done2.out().contains("no interrupted monitor run of run in " + out + ", starting one"), done2.out());
        assertEquals(2, TinyData.filesEndingWith(out, ".csv").size(), "a new run beside the complete one");
    }

    @Test
    void resumedInsideAStreakAboveTheThresholdTheAlarmComesWhenTheUninterruptedRunsDoes() throws IOException {
        // the rows up to the one before the first alarm (inside its streak of ABOVE), and half of the next
        int alarm = refJson.path("firstAlarms").get(0).path("snapshot").asInt();
        List<String> lines = reference.lines().toList();
        assertTrue(lines.get(alarm - 1).contains(",ABOVE,"), lines.get(alarm - 1));
        Path out = Files.createDirectories(dir.resolve("cut"));
        String name = TinyData.filesEndingWith(shared.resolve("whole"), ".csv").get(0).getFileName().toString();
        String kept = String.join("\n", lines.subList(0, alarm)) + "\n" + lines.get(alarm).substring(0, 9);
        Files.writeString(out.resolve("." + name + ".partial"), kept);
        Run again = TinyData.cli(TinyData.args("monitor", "--model", model, run, "--out", out, "--resume"));
        assertEquals(0, again.status(), again.err());
        assertTrue(again.out().contains("scored " + (SNAPSHOTS - alarm + 1) + " snapshots of"), again.out());
        assertEquals(reference, Files.readString(out.resolve(name)), "the streak and the trend rebuilt from the rows");
    }
}
