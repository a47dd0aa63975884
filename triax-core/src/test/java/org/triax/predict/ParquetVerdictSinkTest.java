package org.triax.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.TriaxException;

/** Verdicts written as Parquet parts and read back with Parquet's reader; an interrupted batch resumed. */
class ParquetVerdictSinkTest {
    static final List<String> CLASSES = List.of("healthy", "outer race");

    @TempDir
    Path dir;

    static List<Verdict> verdicts(int n) {
        return IntStream.range(0, n).mapToObj(i -> i % 7 == 3
                ? Verdict.failed("rec/" + i + ".csv", CLASSES, "rec/" + i + ".csv: empty file")
                : new Verdict("rec/" + i + ".csv", CLASSES.get(i % 2), 0.5 + i / 1000.0, 10 + i, CLASSES,
                new double[] {0.5 + i / 1000.0, 0.5 - i / 1000.0}, new double[] {0.6, 0.4})).toList();
    }

    static final String ORIGIN = "model sha256:aa fp32";

    static void assertRow(Verdict v, Map<String, Object> row) {
        assertEquals(v.recording(), row.get("recording"));
        assertEquals(v.windows(), row.get("windows"));
        if (!v.ok()) {
            assertEquals(v.error(), row.get("error"));
            assertFalse(row.containsKey("verdict"));
            return;
        }
        assertFalse(row.containsKey("error"));
        assertEquals(v.predicted(), row.get("verdict"));
        assertEquals(v.probability(), row.get("probability"));
        assertEquals(v.meanProbabilities()[1], row.get("p_outer race"));
        assertEquals(v.windowShare()[0], row.get("share_healthy"));
    }

    @Test
    void rowsAndSchemaReadBackWithParquetsReader() throws IOException {
        Path out = dir.resolve("v.parquet");
        List<Verdict> vs = verdicts(120);
        try (ParquetVerdictSink sink = ParquetVerdictSink.open(out, CLASSES, false, ORIGIN, 50)) {
            vs.forEach(sink::write);
            assertEquals(2, ParquetRows.read(out).schemas().size(), "full parts are written as they fill");
            sink.finish();
        }
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
        ParquetRows.Table t = ParquetRows.read(out);
        assertEquals(3, t.schemas().size());
        MessageType schema = t.schemas().get(0);
        assertEquals(List.of("recording", "verdict", "probability", "windows", "p_healthy", "p_outer race",
                "share_healthy", "share_outer race", "unknown_share", "unknown_distance", "unknown_reason", "error"), schema.getFields().stream().map(f -> f.getName()).toList());
        assertEquals("required binary recording (STRING)", schema.getType("recording").toString());
        assertEquals(vs.size(), t.rows().size());
        for (int i = 0; i < vs.size(); i++) {
            assertRow(vs.get(i), t.rows().get(i));
        }
    }

    @Test
    void anInterruptedBatchResumesFromItsCompleteParts() throws IOException {
        Path out = dir.resolve("r.parquet");
        List<Verdict> vs = verdicts(130);
        try (ParquetVerdictSink sink = ParquetVerdictSink.open(out, CLASSES, false, ORIGIN, 50)) {
            vs.subList(0, 120).forEach(sink::write); // then the process dies: 20 rows never reach a part
        }
        assertFalse(Files.exists(out.resolve("_SUCCESS")));
        TriaxException e = assertThrows(TriaxException.class, () -> ParquetVerdictSink.open(out, CLASSES, false, ORIGIN, 50));
        assertTrue(e.getMessage().contains("add --resume"), e.getMessage());
        e = assertThrows(TriaxException.class, () -> ParquetVerdictSink.open(out, CLASSES, true, "model sha256:bb fp32", 50));
        assertTrue(e.getMessage().startsWith(out.resolve("part-00000.parquet") + " was written by another model or with other "
                + "options (" + ORIGIN + "; this run: model sha256:bb fp32)"), e.getMessage());

        List<Verdict> again = new ArrayList<>();
        try (ParquetVerdictSink sink = ParquetVerdictSink.open(out, CLASSES, true, ORIGIN, 50)) {
            assertEquals(vs.subList(0, 100).stream().map(Verdict::recording).collect(java.util.stream.Collectors.toSet()),
                    sink.scored());
            for (Verdict v : vs) {
                if (!sink.scored().contains(v.recording())) {
                    sink.write(v);
                    again.add(v);
                }
            }
            sink.finish();
        }
        assertEquals(30, again.size());
        ParquetRows.Table t = ParquetRows.read(out);
        assertEquals(vs.size(), t.rows().size(), "every recording exactly once");
        for (int i = 0; i < vs.size(); i++) {
            assertRow(vs.get(i), t.rows().get(i));
        }
        e = assertThrows(TriaxException.class, () -> ParquetVerdictSink.open(out, CLASSES, true, ORIGIN, 50));
        assertTrue(e.getMessage().contains("is complete: nothing to resume"), e.getMessage());
    }
}
