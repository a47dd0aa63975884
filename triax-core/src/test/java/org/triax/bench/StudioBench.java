package org.triax.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.triax.artifact.TrainConfig;
import org.triax.cli.StudioTrainOptions;
import org.triax.dataset.DataOptions;
import org.triax.dataset.DemoDataset;
import org.triax.model.Design;
import org.triax.predict.InferenceEngine;
import org.triax.predict.RecordingScorer;
import org.triax.predict.ScoringModel;
import org.triax.studio.Studio;
import org.triax.studio.StudioConfig;
import org.triax.testing.TinyData;
import org.triax.train.TrainJob;
import org.triax.train.TrainingListener;

/**
 * Prediction over HTTP (POST /api/v1/predict of the raw file to a studio on loopback) beside
 * in-process prediction ({@link RecordingScorer#score(Path)}, what triax predict does), on the same
 * one-window recording (3 x 1024 samples, CSV) with the same model (fused, demo data, ONNX Runtime):
 * requests per second and latency p50/p99, with one client, one per core and {@code clients} at once,
 * and the CPU time per request of each thread role ({@link CpuMeter}). Two HTTP clients, both in the
 * JDK: a blocking keep-alive {@link HttpURLConnection} (fixed-length streaming, on the calling
 * thread), and {@link HttpClient}, whose selector and worker threads cost about three times its CPU
 * per request and share the server's cores here.
 */
final class StudioBench {
    private StudioBench() {
    }

    static final String URL_CONNECTION = "HttpURLConnection";
    static final String HTTP_CLIENT = "HttpClient";

    /**
     * args: requests per measurement, concurrent clients, and optionally {@code profile}: only the
     * HttpURLConnection row with {@code clients} clients, for bench/studio.sh profile to record.
     */
    static void run(String[] args) throws Exception {
        int requests = Integer.parseInt(args[0]);
        int clients = Integer.parseInt(args[1]);
        boolean profile = args.length > 2 && args[2].equals("profile");
        int warmup = Math.max(2, requests / 5);
        // HttpURLConnection keeps 5 idle connections per host by default: one per client thread
        System.setProperty("http.maxConnections", String.valueOf(Math.max(5, clients)));
        Path dir = Files.createTempDirectory("triax-bench-studio");
        Path data = DemoDataset.generate(dir.resolve("data").resolve("demo"), 1);
        Path models = dir.resolve("models");
        Path model = TrainJob.run(DataOptions.defaults(data), List.of(Design.FUSED), new TrainConfig(1, 32, 1e-3f, 1, false),
                models, TrainingListener.SILENT, new PrintStream(OutputStream.nullOutputStream())).get(0).modelFile();
        String name = model.getFileName().toString().replaceFirst("\\.triax$", "");
        Path recording = TinyData.recording(dir.resolve("one-window.csv"), 1, 3, 1024, TinyData.Layout.HEADER_WITH_TIME, 7,
                DemoDataset.FS);
        byte[] body = Files.readAllBytes(recording);
        String token = StudioConfig.newToken();
        try (Studio studio = Studio.start(new StudioConfig("127.0.0.1", 0, dir.resolve("data"), models, token,
                StudioConfig.DEFAULT_MAX_UPLOAD), new StudioTrainOptions(), new PrintStream(OutputStream.nullOutputStream()))) {
            URI uri = URI.create("http://127.0.0.1:" + studio.port() + "/api/v1/predict?model=" + name + "&filename=one-window.csv");
            Request raw = new Request(uri, token, "application/octet-stream", body);
            // one client; one per core (the server's scorer pool); and many
            int cores = Math.max(2, Runtime.getRuntime().availableProcessors());
            Request batch = multipart(URI.create("http://127.0.0.1:" + studio.port() + "/api/v1/predict?model=" + name), token,
                    body, BATCH);
            int batches = Math.max(2, requests / BATCH);
            if (profile) {
                report("http", URL_CONNECTION, clients, 1, measure(clients, warmup, requests, urlConnection(raw)), body.length);
                return;
            }
            for (int c : java.util.stream.IntStream.of(1, cores, clients).filter(n -> n <= clients).distinct().sorted().toArray()) {
                report("in-process", "in-process", c, 1, measure(c, warmup, requests, perThread(model, recording, c, 1)), body.length);
                report("http", URL_CONNECTION, c, 1, measure(c, warmup, requests, urlConnection(raw)), body.length);
                report("http", HTTP_CLIENT, c, 1, measure(c, warmup, requests, httpClient(raw)), body.length);
            }
            // a batch of recordings per request (one multipart upload), as a gateway sends them
            for (int c : java.util.stream.IntStream.of(1, cores).distinct().sorted().toArray()) {
                report("in-process", "in-process", c, BATCH, measure(c, Math.max(2, batches / 5), batches,
                        perThread(model, recording, c, BATCH)), body.length);
                report("http", URL_CONNECTION, c, BATCH, measure(c, Math.max(2, batches / 5), batches, urlConnection(batch)),
                        body.length);
            }
        }
    }

    /** What one client does, once per request; made per client thread. */
    interface Client extends AutoCloseable {
        void call() throws Exception;

        @Override
        default void close() {
        }
    }

    interface ClientFactory {
        Client open() throws Exception;
    }

    /** Recordings per request in the batch rows. */
    static final int BATCH = 16;

    /** One POST: where, with which token, and the body. */
    private record Request(URI uri, String token, String contentType, byte[] body) {
    }

    /**
     * What {@code triax predict --threads clients} runs: a scorer per thread, the cores shared among
     * their sessions; each call scores {@code perCall} recordings.
     */
    private static ClientFactory perThread(Path model, Path recording, int clients, int perCall) {
        int onnxThreads = ScoringModel.threadsPerSession(clients);
        return () -> {
            RecordingScorer s = new RecordingScorer(ScoringModel.open(model, InferenceEngine.ONNX, onnxThreads), List.of(),
                    null);
            return new Client() {
                @Override
                public void call() {
                    for (int i = 0; i < perCall; i++) {
                        s.score(recording);
                    }
                }

                @Override
                public void close() {
                    s.close();
                }
            };
        };
    }

    /** {@code copies} of the recording in one multipart/form-data upload. */
    private static Request multipart(URI uri, String token, byte[] body, int copies) {
        String boundary = "triax-bench-" + Long.toHexString(System.nanoTime());
        java.io.ByteArrayOutputStream multipart = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < copies; i++) {
            multipart.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"rec-" + i
                    + ".csv\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            multipart.writeBytes(body);
            multipart.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        multipart.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return new Request(uri, token, "multipart/form-data; boundary=" + boundary, multipart.toByteArray());
    }

    /**
     * The JDK's blocking client: the body streamed with its length, the answer read to its end, so
     * that the connection goes back to the JDK's keep-alive cache for this thread's next request.
     */
    private static ClientFactory urlConnection(Request request) {
        return () -> {
            URL url = request.uri().toURL();
            return () -> {
                HttpURLConnection c = (HttpURLConnection) url.openConnection();
                c.setDoOutput(true);
                c.setFixedLengthStreamingMode(request.body().length);
                c.setRequestProperty("Authorization", "token " + request.token());
                c.setRequestProperty("Content-Type", request.contentType());
                try (OutputStream out = c.getOutputStream()) {
                    out.write(request.body());
                }
                int status = c.getResponseCode();
                try (InputStream in = status == 200 ? c.getInputStream() : c.getErrorStream()) {
                    byte[] answer = in.readAllBytes();
                    if (status != 200) {
                        throw new IOException("HTTP " + status + ": " + new String(answer, StandardCharsets.UTF_8));
                    }
                }
            };
        };
    }

    /** java.net.http: one client per thread (its own selector thread), keep-alive. */
    private static ClientFactory httpClient(Request request) {
        return () -> {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest req = HttpRequest.newBuilder(request.uri()).header("Authorization", "token " + request.token())
                    .header("Content-Type", request.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(request.body()))
                    .build();
            return () -> {
                HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IOException("HTTP " + r.statusCode() + ": " + r.body());
                }
            };
        };
    }

    private static final int WARM_UP_ROUNDS = 5;

    /**
     * Latencies (ms) of {@code requests} calls spread over {@code clients} threads, the wall time (s),
     * CPU by role, and when the measured part ran (epoch ms, for a profile to leave the warm-up out).
     */
    private record Result(double[] latencies, double seconds, CpuMeter.Usage cpu, long fromMs, long toMs) {
    }

    private static Result measure(int clients, int warmup, int requests, ClientFactory factory) throws Exception {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients, r -> new Thread(r, CpuMeter.CLIENT + n.incrementAndGet()));
        List<Client> each = new ArrayList<>();
        try {
            for (int c = 0; c < clients; c++) {
                each.add(factory.open());
            }
            // the path warm: rows share code (the readers, Jetty's buffers) with other receiver types, which the JIT
            // recompiles for when the path changes; a row starts when the compilers take under 5 % of the CPU
            for (int round = 1; round <= WARM_UP_ROUNDS; round++) {
                CpuMeter warming = CpuMeter.start();
                run(pool, each, warmup, new double[warmup]);
                CpuMeter.Usage u = warming.stop();
                if (u.jitMs() < 0.05 * u.processMs()) {
                    break;
                }
            }
            double[] lat = new double[requests];
            long from = System.currentTimeMillis();
            CpuMeter cpu = CpuMeter.start();
            long t0 = System.nanoTime();
            run(pool, each, requests, lat);
            double seconds = (System.nanoTime() - t0) / 1e9;
            CpuMeter.Usage used = cpu.stop();
            return new Result(lat, seconds, used, from, System.currentTimeMillis());
        } finally {
            pool.shutdown();
            each.forEach(Client::close);
        }
    }

    private static void run(ExecutorService pool, List<Client> clients, int requests, double[] lat) throws Exception {
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients.size(); c++) {
            int first = c;
            Client client = clients.get(c);
            done.add(pool.submit(() -> {
                for (int k = first; k < requests; k += clients.size()) {
                    long t = System.nanoTime();
                    client.call();
                    lat[k] = (System.nanoTime() - t) / 1e6;
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
    }

    private static void report(String mode, String client, int clients, int perRequest, Result r, int bytes) {
        int requests = r.latencies().length;
        CpuMeter.Usage u = r.cpu();
        System.out.println(BenchMain.json("bench", "studio", "mode", mode, "client", client, "clients", clients,
                "requests", requests, "recordings_per_request", perRequest, "recording_bytes", bytes,
                "requests_per_s", requests / r.seconds(), "recordings_per_s", perRequest * requests / r.seconds(),
                "p50_ms", BenchMain.median(r.latencies()), "p99_ms", BenchMain.percentile(r.latencies(), 99),
                // CPU ms per request: the client threads (in-process: the scoring threads), the server's, the rest
                "cpu_client_ms", u.clientMs() / requests, "cpu_server_ms", u.serverMs() / requests,
                "cpu_other_ms", u.otherMs() / requests, "cpu_jit_ms", u.jitMs() / requests, "cpu_gc_ms", u.gcMs() / requests,
                "cpu_kernel_ms", u.kernelMs() / requests,
                "cpu_process_ms", u.processMs() / requests, "switches_per_request", (double) u.switches() / requests,
                "cpu_busy", u.processMs() / (1000 * r.seconds() * Runtime.getRuntime().availableProcessors()),
                "measured_from_ms", r.fromMs(), "measured_to_ms", r.toMs()));
    }
}
