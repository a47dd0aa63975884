package org.triax.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.testing.TinyData;
import org.triax.testing.TinyData.Run;
import org.triax.testing.TinyRuns;

/** {@code monitor --threads}: snapshots scored on 1 or 2 threads are reported alike, in time order. */
class MonitorThreadsTest {
    @TempDir
    Path dir;

    @Test
    void oneAndTwoThreadsWriteTheSameReport() throws IOException {
        Path run = TinyRuns.run(dir.resolve("run"), 24, 18, 5);
        Run b = TinyData.cli(TinyData.args("baseline", "--run", run, "--normal-first", "50%", "--false-alarm", "5%",
                "--detectors", "indicators", "--out", dir.resolve("models"), TinyRuns.SMALL));
        assertEquals(0, b.status(), b.err() + b.out());
        Path model = TinyData.filesEndingWith(dir.resolve("models"), ".triax").get(0);
        String[] csv = new String[2];
        for (int t = 1; t <= 2; t++) {
            Path out = dir.resolve("monitor" + t);
            Run m = TinyData.cli(TinyData.args("monitor", "--model", model, run, "--out", out, "--threads", t));
            assertEquals(0, m.status(), m.err());
            List<Path> files = TinyData.filesEndingWith(out, ".csv");
            assertEquals(1, files.size());
            csv[t - 1] = Files.readString(files.get(0));
        }
        assertEquals(csv[0], csv[1]);
        assertEquals(25, csv[0].lines().count(), "a header and 24 snapshots");
        Run bad = TinyData.cli(TinyData.args("monitor", "--model", model, run, "--threads", 0));
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("--threads must be at least 1"), bad.err());
    }
}
