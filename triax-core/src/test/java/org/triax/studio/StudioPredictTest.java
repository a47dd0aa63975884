package org.triax.studio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.predict.InferenceEngine;
import org.triax.predict.RecordingScorer;
import org.triax.predict.Verdict;
import org.triax.testing.TinyData;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Matrix;

/** POST /api/v1/predict: verdicts as triax predict gives them, downloads, and every kind of bad upload. */
class StudioPredictTest {
    static StudioFixture f;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void studio() {
        f = StudioFixture.shared();
    }

    private static byte[] tinyRecording(String cls, int k) throws IOException {
        return Files.readAllBytes(f.data.resolve("tiny").resolve(cls).resolve(cls + "_" + k + ".csv"));
    }

    /** multipart/form-data with one file part per entry (name -> bytes). */
    static HttpRequest.BodyPublisher multipart(String boundary, Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        files.forEach((name, bytes) -> {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + name
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(bytes);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        });
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.BodyPublishers.ofByteArray(out.toByteArray());
    }

    private static HttpResponse<String> predictMultipart(Map<String, byte[]> files) {
        return f.send(f.request("/api/v1/predict?model=" + f.model).header("Content-Type", "multipart/form-data; boundary=b0undary")
                .POST(multipart("b0undary", files)).build());
    }

    private static HttpResponse<String> predictRaw(String query, String filename, byte[] body) {
        return f.send(f.request("/api/v1/predict?model=" + f.model + "&filename=" + filename + query)
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    @Test
    void aRecordingGetsTheVerdictTriaxPredictGives() throws IOException {
        HttpResponse<String> r = predictRaw("&windows=true", "alpha_0.csv", tinyRecording("alpha", 0));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode result = StudioApiTest.json(r).path("results").get(0);
        Verdict expected;
        try (RecordingScorer scorer = new RecordingScorer(f.models.resolve(f.model + ".triax"), InferenceEngine.ONNX, List.of(), null)) {
            expected = scorer.score(f.data.resolve("tiny/alpha/alpha_0.csv"));
        }
        JsonNode v = result.path("verdict");
        assertEquals("alpha_0.csv", v.path("recording").asText());
        assertEquals(expected.predicted(), v.path("predicted").asText());
        assertEquals(expected.probability(), v.path("probability").asDouble(), 0.0);
        assertEquals(expected.windows(), v.path("windows").asInt());
        assertEquals(expected.windows(), result.path("windows").size());
        for (int c = 0; c < 3; c++) {
            assertEquals(expected.meanProbabilities()[c], v.path("meanProbabilities").get(c).asDouble(), 0.0);
        }
        double sum = 0;
        for (JsonNode p : result.path("windows").get(0)) {
            sum += p.asDouble();
        }
        assertEquals(1.0, sum, 1e-5);
    }

    @Test
    void everyWindowsProbabilitiesOnlyWhenAsked() throws IOException {
        byte[] rec = tinyRecording("bravo", 0);
        JsonNode asked = StudioApiTest.json(predictRaw("&windows=true", "bravo_0.csv", rec)).path("results").get(0);
        int windows = asked.path("verdict").path("windows").asInt();
        assertTrue(windows > 1, asked.toString());
        assertEquals(windows, asked.path("windows").size());
        for (String query : List.of("", "&windows=false")) {
            JsonNode plain = StudioApiTest.json(predictRaw(query, "bravo_0.csv", rec)).path("results").get(0);
            assertTrue(plain.path("windows").isMissingNode(), plain.toString());
            assertEquals(asked.path("verdict"), plain.path("verdict"));
            assertEquals(asked.path("spectrograms"), plain.path("spectrograms"));
        }
        refused(predictRaw("&windows=maybe", "bravo_0.csv", rec), 400, "windows must be true or false");
    }

    @Test
    void manyRecordingsGzippedTooInOneUploadWithDownloadsAndSpectrograms() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(tinyRecording("bravo", 1));
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("alpha_1.csv", tinyRecording("alpha", 1));
        files.put("bravo_1.csv.gz", gz.toByteArray());
        files.put("charlie_1.csv", tinyRecording("charlie", 1));
        HttpResponse<String> r = predictMultipart(files);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = StudioApiTest.json(r);
        assertEquals(0, body.path("failed").asInt());
        assertEquals(3, body.path("results").size());
        assertEquals("bravo_1.csv.gz", body.path("results").get(1).path("recording").asText());
        String batch = body.path("batch").asText();
        String csv = f.get("/api/v1/predictions/" + batch + "?format=csv").body();
        assertEquals(4, csv.lines().count(), csv);
        assertTrue(csv.startsWith("recording,verdict,probability,windows,p_alpha,p_bravo,p_charlie"), csv);
        assertEquals(3, StudioApiTest.json(f.get("/api/v1/predictions/" + batch + "?format=json")).size());
        for (String channel : List.of("X", "fused")) {
            HttpResponse<byte[]> png = f.http.send(f.request("/api/v1/predictions/" + batch + "/1/spectrogram?channel=" + channel).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, png.statusCode());
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png.body(), 4));
        }
        assertEquals(404, f.get("/api/v1/predictions/" + batch + "/3/spectrogram?channel=X").statusCode());
        assertEquals(404, f.get("/api/v1/predictions/nope?format=csv").statusCode());
    }

    @Test
    void inABatchABadRecordingCarriesItsErrorAndTheOthersAreScored() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("good.csv", tinyRecording("alpha", 2));
        files.put("bad.csv", "X,Y,Z\n1,2\n".getBytes(StandardCharsets.UTF_8));
        JsonNode body = StudioApiTest.json(predictMultipart(files));
        assertEquals(1, body.path("failed").asInt());
        assertTrue(body.path("results").get(0).path("verdict").isObject());
        assertTrue(body.path("results").get(1).path("error").asText().startsWith("bad.csv: "), body.toString());
    }

    /** A MAT file cut in half. */
    private static byte[] truncatedMat() throws IOException {
        Matrix m = Mat5.newMatrix(2000, 3);
        Random rnd = new Random(1);
        for (int i = 0; i < 2000; i++) {
            for (int c = 0; c < 3; c++) {
                m.setDouble(i, c, rnd.nextGaussian());
            }
        }
        Path file = tmp.resolve("whole.mat");
        Mat5.writeToFile(Mat5.newMatFile().addArray("H", m), file.toFile());
        byte[] whole = Files.readAllBytes(file);
        return Arrays.copyOf(whole, whole.length / 2);
    }

    private static byte[] csv(int channels, int rows, String last) {
        StringBuilder sb = new StringBuilder(String.join(",", List.of("X", "Y", "Z").subList(0, channels)) + "\n");
        Random rnd = new Random(2);
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < channels; c++) {
                sb.append(c == 0 ? "" : ",").append(rnd.nextGaussian());
            }
            sb.append('\n');
        }
        return sb.append(last).toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void refused(HttpResponse<String> r, int status, String says) throws IOException {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(1, r.body().lines().count(), r.body());
        String error = StudioApiTest.json(r).path("error").asText();
        assertTrue(error.contains(says), "'" + error + "' should say '" + says + "'");
        // the reader's one line: no stack trace, and no server path (the upload is named as the client named it)
        assertFalse(error.contains("\tat ") || error.contains(".java:") || error.contains(System.getProperty("java.io.tmpdir") + "/"), error);
    }

    /**
     * A multipart upload refused by its declared length, before it was parsed, is read to its end,
     * so that the client gets the 413 rather than a reset connection, and the connection serves on.
     */
    @Test
    void aMultipartUploadRefusedByItsLengthLeavesTheConnectionServing() throws IOException {
        byte[] big = csv(3, 30_000, "");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--zz\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.csv\"\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        body.writeBytes(big);
        body.writeBytes("\r\n--zz--\r\n".getBytes(StandardCharsets.ISO_8859_1));
        String auth = "Authorization: token " + StudioFixture.TOKEN + "\r\n";
        String first = "POST /api/v1/predict?model=" + f.model + " HTTP/1.1\r\nHost: x\r\n" + auth
                + "Content-Type: multipart/form-data; boundary=zz\r\nContent-Length: " + body.size() + "\r\n\r\n"
                + body.toString(StandardCharsets.ISO_8859_1);
        String second = "GET /api/v1/models HTTP/1.1\r\nHost: x\r\n" + auth + "Connection: close\r\n\r\n";
        String answers = RawHttp.exchange(f.studio.port(), first + second);
        assertTrue(answers.startsWith("HTTP/1.1 413"), answers);
        assertTrue(answers.contains("larger than the limit"), answers);
        int next = answers.indexOf("HTTP/1.1 ", 1);
        assertTrue(next > 0, "the connection was closed after the 413: " + answers);
        assertTrue(answers.startsWith("HTTP/1.1 200", next), answers.substring(next));
    }

    /** A client that asks before sending (Expect: 100-continue, as curl does for large files) gets the 413 without sending. */
    @Test
    void anUploadTooLargeByItsLengthIsRefusedBeforeItsBodyIsSent() throws IOException {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", f.studio.port())) {
            s.setSoTimeout(60_000);
            s.getOutputStream().write(("POST /api/v1/predict?model=" + f.model + "&filename=day.csv HTTP/1.1\r\nHost: x\r\n"
                    + "Authorization: token " + StudioFixture.TOKEN + "\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: " + (10L << 30) + "\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            String answer = new String(s.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
            assertEquals("HTTP/1.1 413", answer, "no 100 Continue: the body is never asked for");
        }
    }

    @Test
    void badUploadsAreRefusedWithOneLineAndTheStudioKeepsServing() throws IOException {
        byte[] garbage = new byte[5000];
        new Random(3).nextBytes(garbage);
        refused(f.predictRaw(f.model, "rec.csv", new byte[0]), 400, "rec.csv: empty file");
        refused(f.predictRaw(f.model, "rec.csv", garbage), 400, "rec.csv: ");
        refused(f.predictRaw(f.model, "rec.wav", garbage), 400, "rec.wav: ");
        refused(f.predictRaw(f.model, "rec.h5", garbage), 400, "rec.h5: ");
        refused(f.predictRaw(f.model, "rec.csv.gz", garbage), 400, "rec.csv.gz: ");
        refused(f.predictRaw(f.model, "rec.mat", truncatedMat()), 400, "rec.mat: ");
        refused(f.predictRaw(f.model, "rec.txt", garbage), 400, "unsupported file type");
        refused(f.predictRaw(f.model, "nan.csv", csv(3, 1000, "1,NaN,2\n")), 400, "NaN");
        refused(f.predictRaw(f.model, "two.csv", csv(2, 1000, "")), 400, "the model takes 3");
        refused(f.predictRaw(f.model, "short.csv", csv(3, 100, "")), 400, "short.csv: ");
        refused(f.predictRaw("no-such-model", "rec.csv", tinyRecording("alpha", 0)), 404, "no model");
        refused(f.send(f.request("/api/v1/predict?model=" + f.model).POST(HttpRequest.BodyPublishers.ofByteArray(tinyRecording("alpha", 0)))
                .build()), 400, "?filename=");
        refused(f.send(f.request("/api/v1/predict?model=" + f.model + "&filename=a.csv&fs=-3")
                .POST(HttpRequest.BodyPublishers.ofByteArray(tinyRecording("alpha", 0))).build()), 400, "fs must be");
        refused(f.send(f.request("/api/v1/predict?model=" + f.model).header("Content-Type", "multipart/form-data; boundary=zz")
                .POST(HttpRequest.BodyPublishers.ofByteArray(garbage)).build()), 400, "multipart");
        refused(f.send(f.request("/api/v1/predict?model=" + f.model).header("Content-Type", "multipart/form-data; boundary=zz")
                .POST(HttpRequest.BodyPublishers.ofString("--zz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--zz--\r\n"))
                .build()), 400, "no recording");
        byte[] big = csv(3, 30_000, "");
        assertTrue(big.length > StudioFixture.MAX_UPLOAD);
        refused(f.predictRaw(f.model, "big.csv", big), 413, "larger than");
        refused(f.send(f.request("/api/v1/predict?model=" + f.model + "&filename=big.csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build()), 413, "larger than");
        refused(predictMultipart(Map.of("big.csv", big)), 413, "larger than");
        // still serving, and nothing of the refused uploads is kept
        assertEquals(200, f.predictRaw(f.model, "alpha_0.csv", tinyRecording("alpha", 0)).statusCode());
        assertEquals(TinyData.CLASSES, List.of("alpha", "bravo", "charlie"));
    }
}
