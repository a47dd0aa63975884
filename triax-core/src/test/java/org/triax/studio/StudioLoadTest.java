package org.triax.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.predict.InferenceEngine;
import org.triax.predict.RecordingScorer;
import org.triax.predict.Verdict;
import org.triax.testing.TinyData;

/**
 * 1000 predictions from 32 concurrent HTTP clients: no errors, and each verdict the one the
 * in-process RecordingScorer (triax predict) gives for the same recording.
 */
class StudioLoadTest {
    private static final int CLIENTS = 32;
    private static final int REQUESTS = 1000;

    @Test
    void concurrentClientsGetTheVerdictsOfTriaxPredict(@TempDir Path dir) throws Exception {
        StudioFixture f = StudioFixture.shared();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            // one window (256 samples) up to a few: the model reads windows of 256, every 128
            files.add(TinyData.recording(dir.resolve("r" + i + ".csv"), i % 3, 3, 256 + 64 * (i % 5),
                    TinyData.Layout.HEADER_WITH_TIME, 1000 + i));
        }
        List<Verdict> expected = new ArrayList<>();
        try (RecordingScorer scorer = new RecordingScorer(f.models.resolve(f.model + ".triax"), InferenceEngine.ONNX, List.of(), null)) {
            for (Path p : files) {
                expected.add(scorer.score(p));
            }
        }
        List<byte[]> bodies = new ArrayList<>();
        for (Path p : files) {
            bodies.add(Files.readAllBytes(p));
        }
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Integer>> done = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            done.add(pool.submit(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                int n = 0;
                for (int k = client; k < REQUESTS; k += CLIENTS) {
                    int i = k % files.size();
                    URI uri = f.uri("/api/v1/predict?model=" + f.model + "&filename=r" + i + ".csv");
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("Authorization", "token " + StudioFixture.TOKEN)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i))).build(), HttpResponse.BodyHandlers.ofString());
                    n++;
                    if (r.statusCode() != 200) {
                        problems.add("request " + k + ": " + r.statusCode() + " " + r.body());
                        continue;
                    }
                    String differs = differs(expected.get(i), StudioApiTest.json(r).path("results").get(0).path("verdict"));
                    if (differs != null) {
                        problems.add("request " + k + " (r" + i + ".csv): " + differs);
                    }
                }
                return n;
            }));
        }
        int sent = 0;
        for (Future<Integer> d : done) {
            sent += d.get();
        }
        pool.shutdown();
        assertEquals(REQUESTS, sent);
        assertEquals(List.of(), List.copyOf(problems).subList(0, Math.min(5, problems.size())), problems.size() + " problems");
    }

    /** What differs between the in-process verdict and the server's (null: nothing). */
    private static String differs(Verdict v, JsonNode json) {
        if (!v.predicted().equals(json.path("predicted").asText()) || v.windows() != json.path("windows").asInt()
                || v.probability() != json.path("probability").asDouble()) {
            return "expected " + v.predicted() + " " + v.probability() + " over " + v.windows() + " windows, got " + json;
        }
        for (int c = 0; c < v.classes().size(); c++) {
            if (v.meanProbabilities()[c] != json.path("meanProbabilities").get(c).asDouble()
                    || v.windowShare()[c] != json.path("windowShare").get(c).asDouble()) {
                return "class " + v.classes().get(c) + " differs: " + json;
            }
        }
        return null;
    }
}
