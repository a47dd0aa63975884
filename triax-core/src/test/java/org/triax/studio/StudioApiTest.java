package org.triax.studio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The REST API of a running studio over loopback: what each route answers, the token on every
 * route, the data root's walls, and that the pages' API is described by the OpenAPI document.
 */
class StudioApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static StudioFixture f;

    @BeforeAll
    static void studio() {
        f = StudioFixture.shared();
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    /** Each route, its path parameters filled in. */
    private static List<String[]> routes() {
        List<String[]> out = new ArrayList<>();
        for (Api.Route r : f.studio.routes()) {
            out.add(new String[] {r.method.name(), r.path.replaceAll("\\{[a-zA-Z]+}", "x")});
        }
        return out;
    }

    @Test
    void everyRouteNeedsTheToken() throws IOException {
        List<String[]> routes = routes();
        routes.add(new String[] {"GET", "/no/such/page"});
        routes.add(new String[] {"DELETE", "/api/v1/models/x"});
        for (String[] r : routes) {
            HttpRequest.BodyPublisher none = HttpRequest.BodyPublishers.noBody();
            for (HttpRequest.Builder b : List.of(
                    HttpRequest.newBuilder(f.uri(r[1])),
                    HttpRequest.newBuilder(f.uri(r[1] + "?token=wrong")),
                    HttpRequest.newBuilder(f.uri(r[1])).header("Authorization", "token " + StudioFixture.TOKEN + "x"),
                    HttpRequest.newBuilder(f.uri(r[1])).header("Cookie", "triax-token-" + f.studio.port() + "=nope"))) {
                HttpResponse<String> res = f.send(b.method(r[0], none).build());
                assertEquals(401, res.statusCode(), r[0] + " " + r[1] + ": " + res.body());
                assertFalse(res.body().contains("\"models\"") || res.body().contains("demo"), res.body());
                if (r[1].startsWith("/api/")) {
                    assertTrue(json(res).path("error").asText().contains("token"), res.body());
                }
            }
        }
    }

    @Test
    void theTokenInTheUrlSetsAStrictHttpOnlyCookieThatThenSuffices() {
        HttpResponse<String> page = f.send(HttpRequest.newBuilder(f.uri("/?token=" + StudioFixture.TOKEN)).build());
        assertEquals(200, page.statusCode());
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
        String pair = cookie.substring(0, cookie.indexOf(';'));
        HttpResponse<String> info = f.send(HttpRequest.newBuilder(f.uri("/api/v1/info")).header("Cookie", pair).build());
        assertEquals(200, info.statusCode(), info.body());
        assertEquals("nosniff", info.headers().firstValue("X-Content-Type-Options").orElse(""));
    }

    @Test
    void theOpenApiDocumentListsEveryApiRoute() throws IOException {
        JsonNode doc = json(f.get("/api/v1/openapi.json"));
        assertEquals("3.0.3", doc.path("openapi").asText());
        Set<String> listed = new TreeSet<>();
        doc.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> listed.add(m + " " + p.getKey())));
        Set<String> served = new TreeSet<>();
        for (Api.Route r : f.studio.routes()) {
            if (r.path.startsWith("/api/v1")) {
                served.add(r.method.name().toLowerCase() + " " + r.path);
            }
        }
        assertEquals(served, listed);
        assertTrue(served.size() >= 15, served.toString());
        assertTrue(listed.contains("get /api/v1/runs/{id}/events") && listed.contains("post /api/v1/predict"), listed.toString());
    }

    @Test
    void pathsStayInsideTheDataRoot() throws IOException {
        Path outside = Files.createDirectories(f.dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.csv"), "X,Y,Z\n1,2,3\n");
        Path link = f.data.resolve("link-out");
        if (!Files.exists(link)) {
            Files.createSymbolicLink(link, outside);
        }
        List<String> bad = List.of("..", "../outside", "demo/../../outside", "%2e%2e/outside", "demo%2f..%2f..%2foutside",
                "/etc/passwd", f.dir.resolve("outside").toString(), "link-out", "link-out/secret.csv", "demo/.hidden",
                "~root", "demo\\..\\..", "demo%00x");
        for (String route : List.of("/api/v1/folders", "/api/v1/dataset", "/api/v1/recording", "/api/v1/recording/spectrogram")) {
            for (String p : bad) {
                HttpResponse<String> r = f.get(route + "?channel=X&path=" + p.replace("/", "%2F").replace("\\", "%5C"));
                assertTrue(r.statusCode() == 400 || r.statusCode() == 404, route + " " + p + " -> " + r.statusCode() + " " + r.body());
                // nothing of the outside file, and not where the data root really is
                assertFalse(r.body().contains("1,2,3") || r.body().contains(f.data.toRealPath().toString()), r.body());
                assertEquals(1, r.body().lines().count(), r.body());
            }
        }
        JsonNode root = json(f.get("/api/v1/folders"));
        List<String> names = new ArrayList<>();
        root.path("folders").forEach(x -> names.add(x.path("name").asText()));
        assertEquals(List.of("demo", "tiny"), names.stream().filter(n -> !n.equals("outside")).sorted().toList());
        assertFalse(names.contains("link-out"), "a link out of the data root is not listed: " + names);
    }

    @Test
    void aDatasetShowsItsClassesChannelsRatesAndRecordings() throws Exception {
        JsonNode d = json(f.get("/api/v1/dataset?path=demo"));
        assertEquals(4, d.path("classes").size());
        d.path("classes").forEach(c -> assertEquals(8, c.path("recordings").asInt()));
        assertEquals("[\"X\",\"Y\",\"Z\"]", d.path("channels").toString());
        assertEquals(5120.0, d.path("sampleRates").get(0).asDouble());
        assertEquals(32, d.path("recordings").size());
        JsonNode first = d.path("recordings").get(0);
        assertEquals(2.0, first.path("seconds").asDouble(), 1e-9);
        JsonNode rec = json(f.get("/api/v1/recording?path=" + first.path("path").asText() + "&points=500"));
        assertEquals(3, rec.path("waveform").size());
        assertEquals(500, rec.path("waveform").get(0).path("max").size());
        assertEquals("[\"X\",\"Y\",\"Z\",\"fused\"]", rec.path("spectrograms").toString());
        for (String channel : List.of("X", "fused")) {
            HttpResponse<byte[]> png = f.http.send(f.request("/api/v1/recording/spectrogram?path=" + first.path("path").asText()
                    + "&channel=" + channel).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, png.statusCode());
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png.body(), 4));
        }
        assertEquals(404, f.get("/api/v1/recording/spectrogram?path=" + first.path("path").asText() + "&channel=Q").statusCode());
        assertEquals(400, f.get("/api/v1/dataset?path=demo/healthy/healthy_01.csv").statusCode());
    }

    @Test
    void modelsAreListedDescribedAndDownloadable() throws Exception {
        JsonNode list = json(f.get("/api/v1/models"));
        JsonNode m = null;
        for (JsonNode x : list.path("models")) {
            if (x.path("name").asText().equals(f.model)) {
                m = x;
            }
        }
        assertTrue(m != null, list.toString());
        assertEquals("fused", m.path("design").asText());
        assertEquals("[\"alpha\",\"bravo\",\"charlie\"]", m.path("classes").toString());
        assertEquals("tiny", m.path("dataset").asText());
        JsonNode detail = json(f.get("/api/v1/models/" + f.model));
        assertEquals(2, detail.path("metadata").path("history").size());
        assertEquals(3, detail.path("metadata").path("test").path("confusion").size());
        for (String kind : List.of("triax", "onnx")) {
            HttpResponse<byte[]> file = f.http.send(f.request("/api/v1/models/" + f.model + "/files/" + kind).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, file.statusCode());
            assertArrayEquals(Files.readAllBytes(f.models.resolve(f.model + "." + kind)), file.body());
            assertTrue(file.headers().firstValue("Content-Disposition").orElse("").contains(f.model + "." + kind));
        }
        assertEquals(404, f.get("/api/v1/models/nope").statusCode());
        assertEquals(404, f.get("/api/v1/models/" + f.model + "/files/metrics").statusCode());
        assertEquals(404, f.get("/api/v1/models/..%2F" + f.model).statusCode());
    }

    @Test
    void crossSiteStateChangesAreRefused() throws IOException {
        String body = "{\"data\": \"tiny\", \"options\": {\"epochs\": 0}}";
        for (String[] header : List.of(new String[] {"Origin", "http://evil.example"}, new String[] {"Origin", "null"},
                new String[] {"Sec-Fetch-Site", "cross-site"}, new String[] {"Sec-Fetch-Site", "same-site"})) {
            HttpResponse<String> r = f.send(f.request("/api/v1/runs").header(header[0], header[1])
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            assertEquals(403, r.statusCode(), header[0] + ": " + header[1] + " -> " + r.body());
            assertTrue(json(r).path("error").asText().contains("cross-site"), r.body());
        }
        // the studio's own page: same origin, same site; refused only for its bad option
        HttpResponse<String> own = f.send(f.request("/api/v1/runs").header("Origin", "http://127.0.0.1:" + f.studio.port())
                .header("Sec-Fetch-Site", "same-origin").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertEquals(400, own.statusCode(), own.body());
        assertEquals("epochs must be > 0, got 0", json(own).path("error").asText());
    }

    @Test
    void trainingTakesTheCliOptionsWithTheirDefaultsAndChecks() throws IOException {
        JsonNode options = json(f.get("/api/v1/train/options")).path("options");
        List<String> names = new ArrayList<>();
        options.forEach(o -> names.add(o.path("name").asText()));
        assertTrue(names.containsAll(List.of("mode", "epochs", "batch", "lr", "class-weights", "seed", "window", "hop",
                "segment", "overlap", "taper", "split", "split-protocol", "group-by")), names.toString());
        assertFalse(names.contains("groups") || names.contains("out") || names.contains("data"), names.toString());
        for (JsonNode o : options) {
            if (o.path("name").asText().equals("epochs")) {
                assertEquals("10", o.path("defaultValue").asText());
            }
        }
        assertEquals("unknown --mode 'sideways' (expected separate, fused or both)",
                json(f.postJson("/api/v1/runs", "{\"data\": \"tiny\", \"options\": {\"mode\": \"sideways\"}}")).path("error").asText());
        assertTrue(json(f.postJson("/api/v1/runs", "{\"data\": \"tiny\", \"options\": {\"out\": \"/tmp\"}}")).path("error").asText()
                .startsWith("unknown training option 'out'"));
        assertEquals(400, f.postJson("/api/v1/runs", "{\"data\": \"../x\"}").statusCode());
        assertEquals(400, f.postJson("/api/v1/runs", "not json").statusCode());
        assertEquals(404, f.postJson("/api/v1/runs/999/cancel", "").statusCode());
        assertEquals(404, f.get("/api/v1/runs/999").statusCode());
    }

    @Test
    void malformedRequestsGetJsonErrorsWithoutStackTraces() throws IOException {
        for (String raw : List.of("GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n", "GET /api/v1/info HTTP/1.1\r\n\r\n", "BREW / HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: x\r\nX: " + "a".repeat(20_000) + "\r\n\r\n")) {
            String answer = RawHttp.exchange(f.studio.port(), raw);
            assertTrue(answer.startsWith("HTTP/1.1 4"), answer);
            assertFalse(answer.contains("Exception") || answer.contains("\tat ") || answer.contains("jetty"), answer);
        }
    }
}
