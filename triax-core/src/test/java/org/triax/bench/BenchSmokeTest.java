package org.triax.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One short iteration of each Java benchmark (CI's smoke of the suite; the timed run is
 * bench/run.sh): each prints the JSON lines that bench/report.py reads, with sane values.
 */
class BenchSmokeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The JSON lines a benchmark prints on stdout. */
    private static List<JsonNode> run(String... args) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
            switch (args[0]) {
                case "train" -> TrainBench.run(rest);
                case "stft" -> StftBench.run(rest);
                case "studio" -> StudioBench.run(rest);
                case "ooc" -> OocBench.run(rest);
                case "scale" -> ScaleBench.run(rest);
                default -> PredictBench.run(rest);
            }
        } finally {
            System.setOut(saved);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("{")) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    @Test
    void scaleBenchScoresALongRecordingWholeAndStreamedAlike(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path model;
        try (org.triax.model.TriaxNetwork net = org.triax.onnx.TestModels.network(org.triax.model.Design.FUSED, 3)) {
            model = org.triax.onnx.TestModels.saveTriax(net, dir, "m");
        }
        java.nio.file.Path csv = org.triax.testing.TinyData.recording(dir.resolve("long.csv"), 1, 3, 20_000,
                org.triax.testing.TinyData.Layout.HEADER_WITH_TIME, 2);
        JsonNode whole = run("scale", model.toString(), csv.toString(), "whole").get(0);
        JsonNode stream = run("scale", model.toString(), csv.toString(), "stream").get(0);
        assertEquals("scale-long", stream.get("bench").asText());
        assertEquals((20_000 - 60) / 30 + 1, stream.get("windows").asInt());
        assertEquals(whole.get("windows").asInt(), stream.get("windows").asInt());
        assertEquals(whole.get("probability").asDouble(), stream.get("probability").asDouble());
        assertTrue(stream.get("peak_rss_mb").asDouble() > 0);
    }

    @Test
    void trainingReportsThroughputFlopsAndMemory() throws Exception {
        List<JsonNode> out = run("train", "separate", "2", "2");
        assertEquals(1, out.size());
        JsonNode r = out.get(0);
        assertEquals("train", r.get("bench").asText());
        assertEquals("separate", r.get("design").asText());
        assertEquals("3x65x57", r.get("input").asText());
        assertTrue(r.get("samples_per_s").asDouble() > 0);
        // 3 branches of 1->16, 16->32, 32->64 3x3 convs on 65x57, 32x28, 16x14, plus the head, times 3
        assertEquals(158.3, r.get("train_mflop_per_sample").asDouble(), 0.1);
        assertTrue(r.get("peak_rss_mb").asDouble() > 0);
    }

    @Test
    void spectrogramBenchmarkReportsRates() throws Exception {
        JsonNode r = run("stft", "1", "1").get(0);
        assertEquals(1, r.get("threads").asInt());
        assertTrue(r.get("seconds").asDouble() > 0);
        // 3 channels x ((10^6 - 256) / 128 + 1) frames, as scipy counts them
        assertEquals(3 * 7811, r.get("frames_per_s").asDouble() * r.get("seconds").asDouble(), 1.0);
    }

    @Test
    void predictionBenchmarkCoversEveryEngineAndPrecision() throws Exception {
        List<JsonNode> out = run("predict", "fused", "2");
        assertEquals(List.of("triax-onnx", "triax-onnx-int8", "triax-onnx-int8-qoperator", "triax-djl"),
                out.stream().map(r -> r.get("engine").asText()).toList());
        for (JsonNode r : out) {
            assertEquals(1952, r.get("long_windows").asInt());
            assertTrue(r.get("latency_p99_ms").asDouble() >= r.get("latency_p50_ms").asDouble());
            assertTrue(r.get("windows_per_s").asDouble() > 0);
        }
    }

    @Test
    void studioBenchmarkPairsHttpWithInProcessPrediction() throws Exception {
        List<JsonNode> out = run("studio", "4", "2");
        // clients 1 and 2 (the cores of a small machine, as many as asked for), one recording per request, in-process
        // and over HTTP with both clients; then the batch rows (StudioBench.BATCH recordings per request)
        int k = StudioBench.BATCH;
        String url = StudioBench.URL_CONNECTION;
        String jdk = StudioBench.HTTP_CLIENT;
        assertEquals(List.of("in-process 1 x1", url + " 1 x1", jdk + " 1 x1", "in-process 2 x1", url + " 2 x1", jdk + " 2 x1",
                        "in-process 1 x" + k, url + " 1 x" + k, "in-process 2 x" + k, url + " 2 x" + k),
                out.stream().map(r -> r.get("client").asText() + " " + r.get("clients").asInt() + " x"
                        + r.get("recordings_per_request").asInt()).toList());
        for (JsonNode r : out) {
            int per = r.get("recordings_per_request").asInt();
            assertEquals(per == 1 ? 4 : 2, r.get("requests").asInt());
            double perSecond = per * r.get("requests_per_s").asDouble();
            assertEquals(perSecond, r.get("recordings_per_s").asDouble(), 1e-3 * perSecond); // JSON keeps 6 digits
            assertTrue(r.get("requests_per_s").asDouble() > 0);
            assertTrue(r.get("p99_ms").asDouble() >= r.get("p50_ms").asDouble());
            // the clients' threads did the work in-process, the server's over HTTP; the roles add up to the process
            boolean http = r.get("mode").asText().equals("http");
            assertTrue(r.get(http ? "cpu_server_ms" : "cpu_client_ms").asDouble() > 0, r.toString());
            double roles = r.get("cpu_client_ms").asDouble() + r.get("cpu_server_ms").asDouble() + r.get("cpu_other_ms").asDouble();
            assertTrue(roles >= r.get("cpu_process_ms").asDouble() * 0.999, r.toString());
            // over HTTP a request passes between client, selector and server threads: each hop is a switch
            assertTrue(!http || !java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/self/task"))
                    || r.get("switches_per_request").asDouble() >= 1, r.toString());
        }
    }

    @Test
    void cacheBenchmarkTrainsFromTheFilledCache(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String data = org.triax.testing.TinyData.dataset(dir.resolve("data"), 3, 3,
                org.triax.testing.TinyData.Layout.HEADER_WITH_TIME, 3).toString();
        String cache = dir.resolve("cache").toString();
        assertEquals("ooc-prepare", run("ooc", "prepare", data, cache, dir.resolve("p").toString(), "1", "1000").get(0)
                .get("bench").asText());
        JsonNode r = run("ooc", "cache", data, cache, dir.resolve("c").toString(), "1", "1000").get(0);
        assertTrue(r.get("cache_hit").asBoolean());
        assertTrue(r.get("samples_per_s").asDouble() > 0 && r.get("rss_file_mb").asDouble() > 0);
        JsonNode m = run("ooc", "memory", data, cache, dir.resolve("m").toString(), "1", "1000").get(0);
        assertEquals(r.get("weights_sha256").asText(), m.get("weights_sha256").asText());
        // both paths in one JVM in turns: two epochs each, the second paired
        JsonNode pair = run("ooc", "pair", data, cache, dir.resolve("pair").toString(), "2", "1000").get(0);
        assertEquals(1, pair.get("epochs_paired").asInt(), pair.toString());
        assertEquals(2, pair.get("cache_epoch_s").size());
        assertEquals(2, pair.get("memory_epoch_s").size());
        assertTrue(pair.get("ratio").asDouble() > 0 && pair.get("ratio_median").asDouble() > 0, pair.toString());
    }
}
