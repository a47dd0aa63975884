package org.triax.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Training runs through the API: live events (SSE), the queue, and cancelling. */
class StudioRunsTest {

    private static String start(StudioFixture f, String options) throws IOException {
        HttpResponse<String> r = f.postJson("/api/v1/runs", "{\"data\": \"tiny\", \"options\": {" + StudioFixture.SMALL_OPTIONS
                + ", " + options + "}}");
        assertEquals(201, r.statusCode(), r.body());
        return StudioApiTest.json(r).path("id").asText();
    }

    /** Polls a run until {@code done} holds (no time limit: a slow machine only makes it wait). */
    private static JsonNode until(StudioFixture f, String id, Predicate<JsonNode> done) throws Exception {
        while (true) {
            JsonNode run = StudioApiTest.json(f.get("/api/v1/runs/" + id));
            if (done.test(run)) {
                return run;
            }
            Thread.sleep(50);
        }
    }

    private static boolean ended(JsonNode run) {
        return List.of("done", "failed", "cancelled").contains(run.path("state").asText());
    }

    /** The events of a run's stream, until its state event says it ended. */
    private static List<JsonNode> events(StudioFixture f, String id) throws Exception {
        HttpResponse<Stream<String>> r = f.http.send(f.request("/api/v1/runs/" + id + "/events")
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, r.statusCode());
        List<JsonNode> out = new ArrayList<>();
        try (Stream<String> lines = r.body()) {
            String type = null;
            for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.startsWith("event: ")) {
                    type = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    JsonNode e = StudioApiTest.JSON.readTree(line.substring(6));
                    ((com.fasterxml.jackson.databind.node.ObjectNode) e).put("event", type);
                    out.add(e);
                    JsonNode run = type.equals("snapshot") ? e : e.path("run");
                    if ((type.equals("snapshot") || type.equals("state")) && ended(run)) {
                        return out;
                    }
                }
            }
        }
        return out;
    }

    @Test
    void aRunStreamsASnapshotThenItsProgressAndEndsWithItsModel() throws Exception {
        StudioFixture f = StudioFixture.shared();
        String id = start(f, "\"mode\": \"fused\", \"epochs\": 2, \"batch\": 16, \"seed\": 9");
        assertEquals(406, f.get("/api/v1/runs/" + id + "/events").statusCode());
        List<JsonNode> events = events(f, id);
        JsonNode snapshot = events.get(0);
        assertEquals("snapshot", snapshot.path("event").asText());
        long seq = snapshot.path("seq").asLong();
        int epochs = snapshot.path("history").path("fused").size();
        for (JsonNode e : events.subList(1, events.size())) {
            if (e.path("seq").asLong() <= snapshot.path("seq").asLong()) {
                continue; // already in the snapshot
            }
            assertTrue(e.path("seq").asLong() > seq, "sequence numbers grow: " + e);
            seq = e.path("seq").asLong();
            if (e.path("type").asText().equals("epoch")) {
                epochs++;
                assertEquals(epochs, e.path("stats").path("epoch").asInt());
                assertEquals("fused", e.path("design").asText());
            }
        }
        assertEquals(2, epochs, events.toString());
        JsonNode end = events.get(events.size() - 1);
        JsonNode run = end.has("run") ? end.path("run") : end;
        assertEquals("done", run.path("state").asText(), run.toString());
        JsonNode outcome = run.path("outcomes").get(0);
        assertEquals(3, outcome.path("confusion").size());
        String model = outcome.path("model").asText();
        assertEquals(200, f.get("/api/v1/models/" + model).statusCode());
        JsonNode full = StudioApiTest.json(f.get("/api/v1/runs/" + id));
        assertEquals(2, full.path("history").path("fused").size());
        assertTrue(full.path("log").toString().contains("training fused design"), full.path("log").toString());
    }

    @Test
    void aRunCancelledMidEpochLeavesNoModelFileAndAQueuedOneNeverStarts() throws Exception {
        try (StudioFixture f = StudioFixture.create(false, StudioConfig.DEFAULT_MAX_UPLOAD)) {
            String running = start(f, "\"mode\": \"both\", \"epochs\": 500, \"batch\": 4");
            String queued = start(f, "\"mode\": \"fused\", \"epochs\": 1");
            JsonNode mid = until(f, running, r -> !r.path("progress").isNull() && r.path("progress").path("batch").asInt() >= 2);
            assertTrue(mid.path("progress").path("batch").asInt() < mid.path("progress").path("batches").asInt()
                    || mid.path("progress").path("epoch").asInt() < 500, mid.toString());
            assertEquals(200, f.postJson("/api/v1/runs/" + queued + "/cancel", "").statusCode());
            assertEquals(200, f.postJson("/api/v1/runs/" + running + "/cancel", "").statusCode());
            JsonNode stopped = until(f, running, StudioRunsTest::ended);
            assertEquals("cancelled", stopped.path("state").asText(), stopped.toString());
            assertTrue(stopped.path("log").toString().contains("cancelled"), stopped.path("log").toString());
            JsonNode never = until(f, queued, StudioRunsTest::ended);
            assertEquals("cancelled", never.path("state").asText());
            assertTrue(never.path("startedAt").isNull(), never.toString());
            assertEquals(Stream.of(queued + ".json", running + ".json", running + ".started.json")
                            .map(n -> RunHistory.FOLDER + "/" + n).sorted().toList(), f.everyModelsFile(),
                    "no model, companion, reservation or temporary file: only the runs' records");
        }
    }

    @Test
    void runsOfAnEarlierServerAreListedAfterARestartAndOneCutOffIsInterrupted() throws Exception {
        try (StudioFixture f = StudioFixture.create(false, StudioConfig.DEFAULT_MAX_UPLOAD)) {
            String id = start(f, "\"mode\": \"fused\", \"epochs\": 1");
            JsonNode done = until(f, id, StudioRunsTest::ended);
            assertEquals("done", done.path("state").asText(), done.toString());
            f.studio.close();
            // a record with a start and no end: the server stopped while run 7 trained
            java.nio.file.Path runs = f.models.resolve(RunHistory.FOLDER);
            java.nio.file.Files.writeString(runs.resolve("7.started.json"), StudioApiTest.JSON.writeValueAsString(
                    ((com.fasterxml.jackson.databind.node.ObjectNode) done.deepCopy()).put("id", "7").put("state", "running")));
            java.nio.file.Files.writeString(runs.resolve("8.started.json"), "{not json");
            try (Studio again = Studio.start(new StudioConfig("127.0.0.1", 0, f.data, f.models, StudioFixture.TOKEN,
                    StudioConfig.DEFAULT_MAX_UPLOAD), new org.triax.cli.StudioTrainOptions(),
                    new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))) {
                java.net.http.HttpRequest get = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://127.0.0.1:" + again.port() + "/api/v1/runs/" + id))
                        .header("Authorization", "token " + StudioFixture.TOKEN).build();
                JsonNode restored = StudioApiTest.json(f.http.send(get, HttpResponse.BodyHandlers.ofString()));
                for (String field : List.of("state", "log", "history", "bestEpoch", "outcomes", "options", "createdAt", "endedAt")) {
                    assertEquals(done.path(field), restored.path(field), field);
                }
                java.net.http.HttpRequest list = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://127.0.0.1:" + again.port() + "/api/v1/runs"))
                        .header("Authorization", "token " + StudioFixture.TOKEN).build();
                JsonNode all = StudioApiTest.json(f.http.send(list, HttpResponse.BodyHandlers.ofString())).path("runs");
                assertEquals(2, all.size(), all.toString()); // the unreadable record is skipped
                JsonNode cut = all.get(1);
                assertEquals("7", cut.path("id").asText());
                assertEquals("failed", cut.path("state").asText());
                assertTrue(cut.path("error").asText().startsWith("interrupted"), cut.toString());
            }
        }
    }
}
