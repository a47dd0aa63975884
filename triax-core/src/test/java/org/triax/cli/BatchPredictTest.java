package org.triax.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.model.Design;
import org.triax.model.TriaxNetwork;
import org.triax.onnx.TestModels;
import org.triax.predict.BatchScorer;
import org.triax.predict.InferenceEngine;
import org.triax.predict.ParquetRows;
import org.triax.predict.RecordingScorer;
import org.triax.predict.Verdict;
import org.triax.predict.VerdictFormat;
import org.triax.predict.VerdictSink;
import org.triax.signal.ReadOptions;
import org.triax.testing.TinyData;
import org.triax.testing.TinyData.Layout;
import org.triax.testing.TinyData.Run;

/**
 * {@code predict} on a batch of 200 small recordings, 5 of them bad: every good one scored, every
 * bad one reported, exit status 3; the same rows on 1 and 2 threads; a batch stopped midway and
 * resumed scores every file exactly once.
 */
class BatchPredictTest {
    static final int FILES = 200;
    /** The bad recordings, by index: corrupt gzip, empty, NaN, two channels for a three-channel model, unreadable MAT. */
    static final Set<Integer> BAD = Set.of(11, 37, 64, 90, 150);

    @TempDir
    static Path dir;
    static Path model;
    static Path batch;
    /** The rows of an uninterrupted run (CSV, 2 threads). */
    static String reference;

    @BeforeAll
    static void batchOfRecordings() throws IOException {
        try (TriaxNetwork net = TestModels.network(Design.FUSED, 11)) {
            model = TestModels.saveTriax(net, dir, "m");
        }
        batch = dir.resolve("batch");
        for (int i = 0; i < FILES; i++) {
            Path f = batch.resolve(String.format("r%03d.csv", i));
            switch (i) {
                case 11 -> Files.write(batch.resolve("r011.csv.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
                case 37 -> Files.writeString(f, "");
                case 64 -> Files.writeString(f, "X,Y,Z\n" + "0.1,0.2,0.3\n".repeat(100) + "0.1,nan,0.3\n");
                case 90 -> TinyData.recording(f, 0, 2, 600, Layout.HEADER_WITH_TIME, i);
                case 150 -> Files.write(batch.resolve("r150.mat"), "MATLAB 5.0 MAT-file, truncated".getBytes());
                default -> TinyData.recording(f, i % 3, 3, 600, Layout.HEADER_WITH_TIME, i);
            }
        }
        Path out = dir.resolve("reference.csv");
        Run r = TinyData.cli("predict", "--model", model.toString(), batch.toString(), "--format", "csv",
                "--output", out.toString(), "--threads", "2");
        assertEquals(TriaxCli.PARTIAL, r.status(), r.err());
        reference = Files.readString(out);
    }

    private static List<String> rows(String csv) {
        return csv.lines().skip(1).toList();
    }

    @Test
    void everyGoodRecordingIsScoredAndEveryBadOneReported() {
        List<String> rows = rows(reference);
        assertEquals(FILES, rows.size());
        List<String> errors = rows.stream().filter(r -> !r.endsWith(",")).toList();
        assertEquals(BAD.size(), errors.size(), String.join("\n", errors));
        assertEquals(FILES - BAD.size(), rows.stream().filter(r -> r.endsWith(",")).count());
        for (String e : errors) {
            assertTrue(e.contains(",,,"), "an error row has no verdict: " + e);
        }
        assertTrue(errors.get(0).contains("gzip"), errors.get(0));
        assertTrue(errors.get(1).contains("empty file"), errors.get(1));
        assertTrue(errors.get(2).contains("not a finite number"), errors.get(2));
        assertTrue(errors.get(3).contains("the model takes 3"), errors.get(3));
        assertTrue(errors.get(4).contains("r150.mat"), errors.get(4));
        List<String> names = rows.stream().map(r -> r.substring(0, r.indexOf(','))).toList();
        assertEquals(names.stream().sorted().toList(), names, "input order");
        assertEquals(FILES, Set.copyOf(names).size(), "each recording once");
    }

    @Test
    void oneAndTwoThreadsGiveTheSameRowsOnStdoutAsInTheFile() {
        Run one = TinyData.cli("predict", "--model", model.toString(), batch.toString(), "--format", "csv",
                "--threads", "1");
        assertEquals(TriaxCli.PARTIAL, one.status());
        assertEquals(reference, one.out());
        assertEquals(BAD.size(), one.errLines().stream().filter(l -> l.startsWith("triax: error: ")).count(), one.err());
        assertTrue(one.err().contains("5 of 200 recordings could not be scored"), one.err());
    }

    @Test
    void aBatchStoppedMidwayAndResumedScoresEveryFileOnce() throws IOException {
        Path out = dir.resolve("resumed.csv");
        List<Path> files = PredictCommand.expand(List.of(batch));
        int stopAfter = 73;
        try (BatchScorer scorer = new BatchScorer(() -> new RecordingScorer(model, InferenceEngine.ONNX, List.of(),
                new ReadOptions(Double.NaN, null), Double.NaN), 2);
                VerdictSink sink = VerdictSink.open(VerdictFormat.CSV, out, System.out, scorer.classes(), false, scorer.origin())) {
            VerdictSink stopping = new StopAfter(sink, stopAfter);
            assertThrows(IllegalStateException.class, () -> scorer.score(files, Set.of(), stopping, v -> { }));
        }
        assertFalse(Files.exists(out), "nothing under the final name until the batch completes");
        Path partial = dir.resolve(".resumed.csv.partial");
        assertEquals(stopAfter + 1, Files.readAllLines(partial).size(), "header and the rows written before the stop");
        Files.writeString(partial, "batch/r999.csv,heal", StandardOpenOption.APPEND); // a torn last line
        String rows = Files.readString(partial);

        // another model's verdicts are never mixed in: refused, and the rows stay as they were
        Path other;
        try (TriaxNetwork net = TestModels.network(Design.FUSED, 12)) {
            other = TestModels.saveTriax(net, dir, "other");
        }
        Run refused = TinyData.cli("predict", "--model", other.toString(), batch.toString(), "--format", "csv",
                "--output", out.toString(), "--resume");
        assertEquals(2, refused.status(), refused.err());
        assertTrue(refused.err().contains(partial + " was started by another model or with other options"), refused.err());
        assertEquals(rows, Files.readString(partial));

        Run again = TinyData.cli("predict", "--model", model.toString(), batch.toString(), "--format", "csv",
                "--output", out.toString(), "--resume");
        assertEquals(TriaxCli.PARTIAL, again.status(), again.err()); // r090 and r150 come after the stop
        assertTrue(again.err().contains(stopAfter + " recordings already in"), again.err());
        assertTrue(again.err().contains("2 of " + (FILES - stopAfter) + " recordings could not be scored"), again.err());
        assertEquals(reference, Files.readString(out), "every file once, in input order, as an uninterrupted run");
        assertFalse(Files.exists(partial));

        Run done = TinyData.cli("predict", "--model", model.toString(), batch.toString(), "--format", "csv",
                "--output", out.toString(), "--resume");
        assertEquals(2, done.status());
        assertTrue(done.err().contains("is complete: nothing to resume"), done.err());
    }

    @Test
    void aBatchKilledMidwayAndResumedScoresEveryFileOnce() throws Exception {
        Path out = dir.resolve("killed.csv");
        Path partial = dir.resolve(".killed.csv.partial");
        Path argfile = Files.writeString(dir.resolve("cp.args"),
                "-cp \"" + System.getProperty("java.class.path").replace("\\", "\\\\") + "\"\n");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "@" + argfile, TriaxCli.class.getName(), "predict", "--model", model.toString(),
                batch.toString(), "--format", "csv", "--output", out.toString(), "--threads", "1")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        // kill it once a row is out: the other rows are still to come
        while (child.isAlive() && (!Files.exists(partial) || Files.readAllLines(partial).size() < 2)) {
            Thread.sleep(2);
        }
        assertTrue(child.isAlive(), "the child ended before it could be killed: " + Files.readString(dir.resolve("child.log")));
        child.destroyForcibly(); // SIGKILL on Linux
        child.waitFor();
        assertFalse(Files.exists(out), "nothing under the final name");
        int before = Files.readAllLines(partial).size();
        assertTrue(before < FILES + 1, before + " lines");

        Run again = TinyData.cli("predict", "--model", model.toString(), batch.toString(), "--format", "csv",
                "--output", out.toString(), "--resume");
        assertTrue(again.status() == 0 || again.status() == TriaxCli.PARTIAL, again.err());
        assertEquals(reference, Files.readString(out), "every file once, in input order, as an uninterrupted run");
    }

    @Test
    void jsonLinesResumeToo() throws IOException {
        Path out = dir.resolve("resumed.jsonl");
        List<Path> files = PredictCommand.expand(List.of(batch)).subList(0, 40);
        try (BatchScorer scorer = new BatchScorer(() -> new RecordingScorer(model, InferenceEngine.ONNX, List.of(),
                new ReadOptions(Double.NaN, null), Double.NaN), 2);
                VerdictSink sink = VerdictSink.open(VerdictFormat.JSONL, out, System.out, scorer.classes(), false, scorer.origin())) {
            assertThrows(IllegalStateException.class, () -> scorer.score(files, Set.of(), new StopAfter(sink, 25), v -> { }));
        }
        Run again = TinyData.cli("predict", "--model", model.toString(), batch.toString(), "--format", "jsonl",
                "--output", out.toString(), "--resume", "--threads", "1");
        assertEquals(TriaxCli.PARTIAL, again.status(), again.err()); // r037, r064, r090 and r150 come after row 25
        List<String> lines = Files.readAllLines(out);
        assertEquals(FILES, lines.size());
        Set<String> names = lines.stream().map(l -> l.replaceAll("^\\{\"recording\":\"([^\"]+)\".*", "$1"))
                .collect(Collectors.toSet());
        assertEquals(FILES, names.size(), "each recording once");
    }

    @Test
    void parquetHoldsTheCsvRows() throws IOException {
        Path out = dir.resolve("v.parquet");
        Run r = TinyData.cli("predict", "--model", model.toString(), batch.toString(), "--format", "parquet",
                "--output", out.toString());
        assertEquals(TriaxCli.PARTIAL, r.status(), r.err());
        List<java.util.Map<String, Object>> rows = ParquetRows.read(out).rows();
        List<String> csv = rows(reference);
        assertEquals(csv.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            String[] cells = csv.get(i).split(",", -1);
            assertEquals(cells[0], rows.get(i).get("recording"));
            if (rows.get(i).containsKey("error")) {
                assertTrue(csv.get(i).contains((String) rows.get(i).get("error")));
                continue;
            }
            assertEquals(cells[1], rows.get(i).get("verdict"));
            assertEquals(Double.parseDouble(cells[2]), (Double) rows.get(i).get("probability"), 5e-7);
            assertEquals(Integer.parseInt(cells[3]), rows.get(i).get("windows"));
        }
    }

    @Test
    void outputRulesAreOneLineErrors() throws IOException {
        Path taken = Files.writeString(dir.resolve("taken.csv"), "x\n");
        Run r = TinyData.cli("predict", "--model", model.toString(), batch.toString(), "--format", "csv",
                "--output", taken.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("already exists; not overwriting it"), r.err());
        r = TinyData.cli("predict", "--model", model.toString(), batch.toString(), "--format", "parquet");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--format parquet needs --output DIR"), r.err());
        r = TinyData.cli("predict", "--model", model.toString(), batch.toString(), "--resume");
        assertEquals(2, r.status());
        r = TinyData.cli("predict", "--model", model.toString(), batch.toString(), "--threads", "0");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--threads must be at least 1"), r.err());
    }

    /** A sink that fails after {@code limit} rows, as a killed process stops writing. */
    static final class StopAfter implements VerdictSink {
        private final VerdictSink inner;
        private int left;

        StopAfter(VerdictSink inner, int limit) {
            this.inner = inner;
            this.left = limit;
        }

        @Override
        public Set<String> scored() {
            return inner.scored();
        }

        @Override
        public void write(Verdict v) {
            if (left-- == 0) {
                throw new IllegalStateException("stopped");
            }
            inner.write(v);
        }

        @Override
        public void finish() {
            inner.finish();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
