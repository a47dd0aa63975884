package org.triax.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.triax.TriaxException;
import org.triax.predict.InferenceEngine;
import org.triax.predict.RecordingScorer;
import org.triax.signal.RecordingReaders;

/** ScoreJob on Spark {@code local[2]} gives the verdicts {@code triax predict} gives, and reports bad files in rows. */
class ScoreJobTest {

    @Test
    void scoresAFolderAsPredictDoesAndReportsABadFileInItsRow() throws IOException {
        Path model = SparkTests.onnxModel();
        Path input = Files.createDirectories(SparkTests.work().resolve("score-input"));
        List<Path> recordings;
        try (Stream<Path> s = Files.walk(SparkTests.demoData())) {
            recordings = s.filter(RecordingReaders::isRecording).sorted().limit(12).toList();
        }
        for (Path r : recordings) {
            Path to = input.resolve(r.getParent().getFileName() + "/" + r.getFileName());
            Files.createDirectories(to.getParent());
            Files.copy(r, to);
        }
        Path bad = Files.writeString(input.resolve("broken.csv"), "X,Y,Z\n1,2\nnot,a,number\n");
        Files.writeString(input.resolve("README.md"), "not a recording");

        SparkSession spark = SparkTests.spark();
        Path out = SparkTests.work().resolve("scored");
        ScoreJob.Summary s = ScoreJob.run(spark, new ScoreJob.Request(model.toString(), input.toString(), out.toString(),
                Double.NaN, null, 3));
        assertEquals(recordings.size(), s.scored());
        assertEquals(1, ExecutorModels.open(), "one session for the executor JVM's three partitions");
        assertEquals(java.util.Set.of(Integer.parseInt(spark.conf().get("spark.task.cpus", "1"))),
                ExecutorModels.intraOpThreads(), "intra-op threads = spark.task.cpus");
        assertEquals(1, s.failed());
        assertEquals(1, s.errors().size());
        assertTrue(s.errors().get(0).contains("broken.csv"), s.errors().get(0));

        Map<String, Row> rows = new TreeMap<>();
        for (Row r : spark.read().parquet(s.verdicts()).collectAsList()) {
            rows.put(Path.of(java.net.URI.create(r.getString(r.fieldIndex("recording")))).getFileName().toString(), r);
        }
        assertEquals(recordings.size() + 1, rows.size(), "one row per recording, the README skipped");

        // `triax predict --format csv` on the same folder, in process: the same verdicts and probabilities
        Map<String, String[]> predicted = predictCsv(model, input);
        assertEquals(rows.keySet(), predicted.keySet());
        List<String> classes;
        long windows = 0;
        try (RecordingScorer predict = new RecordingScorer(model, InferenceEngine.ONNX, List.of(), null)) {
            classes = predict.metadata().classes();
            for (Path r : recordings) {
                String[] p = predicted.get(r.getFileName().toString());
                Row row = rows.get(r.getFileName().toString());
                assertNull(row.get(row.fieldIndex("error")));
                assertEquals(p[1], row.getString(row.fieldIndex("verdict")), r.toString());
                assertEquals(Double.parseDouble(p[2]), row.getDouble(row.fieldIndex("probability")), 1e-5);
                assertEquals(Integer.parseInt(p[3]), row.getInt(row.fieldIndex("windows")));
                for (int c = 0; c < classes.size(); c++) {
                    assertEquals(Double.parseDouble(p[4 + c]), row.getDouble(row.fieldIndex("p_" + classes.get(c))), 1e-5);
                    assertEquals(Double.parseDouble(p[4 + classes.size() + c]),
                            row.getDouble(row.fieldIndex("share_" + classes.get(c))), 1e-5);
                }
                int u = 4 + 2 * classes.size(); // the unknown-state check's share of windows, as predict prints it
                assertEquals(p[u].isEmpty(), row.isNullAt(row.fieldIndex("unknown_share")));
                if (!p[u].isEmpty()) {
                    assertEquals(Double.parseDouble(p[u]), row.getDouble(row.fieldIndex("unknown_share")), 1e-4);
                }
                windows += row.getInt(row.fieldIndex("windows"));
            }
            // the window table: every window of every recording, each as predict scores it
            List<Row> w = spark.read().parquet(s.windowTable()).collectAsList();
            assertEquals(windows, w.size());
            assertEquals(windows, s.windows());
            Path first = recordings.get(0);
            float[][] expected = predict.windowProbabilities(predict.read(first));
            List<Row> mine = w.stream().filter(r -> r.getString(0).endsWith("/" + first.getFileName()))
                    .sorted((a, b) -> Integer.compare(a.getInt(1), b.getInt(1))).collect(Collectors.toList());
            assertEquals(expected.length, mine.size());
            int hop = predict.preprocessing().window().hop();
            for (int i = 0; i < expected.length; i++) {
                assertEquals((long) i * hop, mine.get(i).getLong(2));
                for (int c = 0; c < classes.size(); c++) {
                    assertEquals(expected[i][c], mine.get(i).getFloat(3 + c), 1e-5);
                }
            }
        }

        Row broken = rows.get("broken.csv");
        String error = broken.getString(broken.fieldIndex("error"));
        assertTrue(error.contains(bad.getFileName().toString()) && !error.contains("triax-spark-"),
                "names the recording, not its temporary copy: " + error);
        assertNull(broken.get(broken.fieldIndex("verdict")));

        // published whole; a second run never writes over it
        try (Stream<Path> siblings = Files.list(out.getParent())) {
            assertFalse(siblings.anyMatch(p -> p.getFileName().toString().startsWith(".scored.tmp-")));
        }
        TriaxException again = assertThrows(TriaxException.class, () -> ScoreJob.run(spark,
                new ScoreJob.Request(model.toString(), input.toString(), out.toString(), Double.NaN, null, 0)));
        assertTrue(again.getMessage().contains("already exists"), again.getMessage());
    }

    /** predict's CSV rows by file name (plain values: no quoting in these names and messages' first fields). */
    private static Map<String, String[]> predictCsv(Path model, Path input) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stdout = System.out;
        int exit;
        try {
            System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
            exit = org.triax.cli.TriaxCli.execute("predict", "--model", model.toString(), "--format", "csv", input.toString());
        } finally {
            System.setOut(stdout);
        }
        assertEquals(org.triax.cli.TriaxCli.PARTIAL, exit, "predict: one file cannot be scored");
        Map<String, String[]> rows = new TreeMap<>();
        out.toString(java.nio.charset.StandardCharsets.UTF_8).lines().skip(1).forEach(line -> {
            String[] f = line.split(",", -1);
            rows.put(Path.of(f[0]).getFileName().toString(), f);
        });
        return rows;
    }

    @Test
    void aTriaxModelStandsForItsExportBesideItAndWithoutOneIsRefusedWithTheFix() throws IOException {
        Path triax = SparkTests.triaxModel();
        Path input = Files.createDirectories(SparkTests.work().resolve("triax-model-input"));
        try (Stream<Path> s = Files.walk(SparkTests.demoData())) {
            Path one = s.filter(RecordingReaders::isRecording).sorted().findFirst().orElseThrow();
            Files.copy(one, input.resolve(one.getFileName()));
        }
        ScoreJob.Summary s = ScoreJob.run(SparkTests.spark(), new ScoreJob.Request(triax.toString(), input.toString(),
                SparkTests.work().resolve("scored-by-triax").toString(), Double.NaN, null, 0));
        assertEquals(1, s.scored());

        Path alone = Files.createDirectories(SparkTests.work().resolve("alone")).resolve("m.triax");
        Files.copy(triax, alone);
        TriaxException e = assertThrows(TriaxException.class, () -> ScoreJob.run(SparkTests.spark(),
                new ScoreJob.Request(alone.toString(), input.toString(), SparkTests.work().resolve("x").toString(),
                        Double.NaN, null, 0)));
        assertTrue(e.getMessage().contains("m.onnx does not exist") && e.getMessage().contains("./triax export --model"),
                e.getMessage());
    }
}
