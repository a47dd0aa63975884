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
            assertEquals(List.of(), f.everyModelsFile(), "no model, companion, reservation or temporary file");
        }
    }
}
