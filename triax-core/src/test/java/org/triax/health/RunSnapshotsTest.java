package org.triax.health;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.TriaxException;

/** Time order of a run's snapshots: names, name date-times, time columns, and the errors. */
class RunSnapshotsTest {
    @TempDir
    Path dir;

    private void csv(String name, double t0) throws IOException {
        Files.writeString(dir.resolve(name), "time,X\n" + t0 + ",1\n" + (t0 + 0.001) + ",2\n");
    }

    private List<String> names(RunSnapshots r) {
        return java.util.stream.IntStream.range(0, r.size()).mapToObj(r::name).toList();
    }

    @Test
    void numberedNamesSortAsNumbers() throws IOException {
        for (String n : List.of("10.csv", "2.csv", "1.csv", "notes.txt", "b_007.csv")) {
            Files.writeString(dir.resolve(n), "1\n2\n");
        }
        assertEquals(List.of("1.csv", "2.csv", "10.csv", "b_007.csv"), names(RunSnapshots.of(dir)));
        assertNull(RunSnapshots.of(dir).times());
        assertTrue(NaturalOrder.INSTANCE.compare("a2", "a10") < 0 && NaturalOrder.INSTANCE.compare("a10", "A2") > 0);
    }

    @Test
    void dateTimesInTheNamesGiveTheOrderAndTheTimes() throws IOException {
        for (String n : List.of("pump_20240301-101500.csv", "pump_20240301-100000.csv", "pump_2024-03-01T10-30-00.csv")) {
            Files.writeString(dir.resolve(n), "1\n2\n");
        }
        RunSnapshots r = RunSnapshots.of(dir);
        assertEquals(List.of("pump_20240301-100000.csv", "pump_20240301-101500.csv", "pump_2024-03-01T10-30-00.csv"), names(r));
        assertArrayEquals(new double[] {0, 900, 1800}, new double[] {r.elapsed(0), r.elapsed(1), r.elapsed(2)}, 1e-9);
    }

    @Test
    void clockTimesInATimeColumnOrderTheSnapshotsButTimesFromZeroDoNot() throws IOException {
        csv("a.csv", 3600);
        csv("b.csv", 60);
        RunSnapshots r = RunSnapshots.of(dir);
        assertEquals(List.of("b.csv", "a.csv"), names(r));
        assertEquals(3540, r.elapsed(1), 1e-9);
        Files.delete(dir.resolve("a.csv"));
        Files.delete(dir.resolve("b.csv"));
        csv("2.csv", 0);
        csv("10.csv", 0);
        RunSnapshots relative = RunSnapshots.of(dir);
        assertNull(relative.times(), "every snapshot starts at 0: time within the snapshot");
        assertEquals(List.of("2.csv", "10.csv"), names(relative));
    }

    @Test
    void aSnapshotWhoseTimeCannotBeReadKeepsItsPlaceByNameWithNoTime() throws IOException {
        csv("a.csv", 300);
        csv("b.csv", 60);
        Files.write(dir.resolve("c.csv.gz"), new byte[] {31, -117, 8, 0, 1, 2, 3}); // a cut-off gzip
        csv("d.csv", 120);
        Files.writeString(dir.resolve("e.csv"), "not,a\nrecording\n"); // no time column
        csv("f.csv", 180);
        RunSnapshots r = RunSnapshots.of(dir);
        assertEquals(List.of("b.csv", "c.csv.gz", "d.csv", "e.csv", "f.csv", "a.csv"), names(r), "c after b, e after d: by name");
        assertArrayEquals(new double[] {0, Double.NaN, 60, Double.NaN, 120, 240},
                java.util.stream.IntStream.range(0, r.size()).mapToDouble(r::elapsed).toArray(), 1e-9);
        assertTrue(r.orderedBy().endsWith("2 without a readable time placed by name"), r.orderedBy());
        // half the run without a time: the run has none, and its names order it
        Files.delete(dir.resolve("a.csv"));
        Files.delete(dir.resolve("f.csv"));
        RunSnapshots byName = RunSnapshots.of(dir);
        assertNull(byName.times());
        assertEquals(List.of("b.csv", "c.csv.gz", "d.csv", "e.csv"), names(byName));
    }

    @Test
    void twoSnapshotsAtOneTimeAreAnErrorNamingBoth() throws IOException {
        csv("a.csv", 60);
        csv("b.csv", 60);
        csv("c.csv", 120);
        TriaxException e = assertThrows(TriaxException.class, () -> RunSnapshots.of(dir));
        assertTrue(e.getMessage().contains("two snapshots have the same time") && e.getMessage().contains("a.csv")
                && e.getMessage().contains("b.csv"), e.getMessage());
    }

    @Test
    void numberedNamesThatTheTimesContradictAreAnError() throws IOException {
        csv("1.csv", 60);
        csv("2.csv", 180);
        csv("3.csv", 120);
        TriaxException e = assertThrows(TriaxException.class, () -> RunSnapshots.of(dir));
        assertTrue(e.getMessage().startsWith("snapshot times are not monotonic: " + dir.resolve("3.csv")), e.getMessage());
    }

    @Test
    void aFolderWithoutRecordingsIsAnError() {
        TriaxException e = assertThrows(TriaxException.class, () -> RunSnapshots.of(dir));
        assertTrue(e.getMessage().contains("holds no recordings"), e.getMessage());
    }
}
