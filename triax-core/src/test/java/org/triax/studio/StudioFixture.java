package org.triax.studio;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.triax.artifact.TrainConfig;
import org.triax.cli.StudioTrainOptions;
import org.triax.dataset.DataOptions;
import org.triax.dataset.DemoDataset;
import org.triax.dataset.SplitFractions;
import org.triax.dataset.SplitProtocol;
import org.triax.model.Design;
import org.triax.signal.StftConfig;
import org.triax.signal.WindowFunction;
import org.triax.signal.WindowSpec;
import org.triax.testing.TinyData;
import org.triax.train.TrainJob;
import org.triax.train.TrainingListener;

/**
 * A studio on a free loopback port over a data root with the demo dataset ({@code demo}) and a
 * tiny three-class dataset ({@code tiny}), and a models folder holding one small fused model
 * trained on {@code tiny}. {@link #shared()} is made once per test JVM.
 */
final class StudioFixture implements AutoCloseable {
    static final String TOKEN = StudioConfig.newToken();
    /** Window sizes of TinyData.SMALL, for runs started through the API. */
    static final String SMALL_OPTIONS = "\"window\": 256, \"hop\": 128, \"segment\": 32, \"overlap\": 16";
    /** The shared studio's --max-upload: small, so that a test can exceed it. */
    static final long MAX_UPLOAD = 1 << 20;
    private static StudioFixture shared;

    final Path dir;
    final Path data;
    final Path models;
    final Studio studio;
    final String model;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private StudioFixture(Path dir, boolean withModel, long maxUpload) {
        this.dir = dir;
        this.data = dir.resolve("data");
        this.models = dir.resolve("models");
        DemoDataset.generate(data.resolve("demo"), DemoDataset.SEED);
        TinyData.dataset(data.resolve("tiny"), 3, 3, TinyData.Layout.HEADER_WITH_TIME, 17);
        String name = null;
        if (withModel) {
            Path file = TrainJob.run(tinyOptions(data.resolve("tiny")), List.of(Design.FUSED), new TrainConfig(2, 16, 1e-3f, 3, false),
                    models, TrainingListener.SILENT, new PrintStream(OutputStream.nullOutputStream())).get(0).modelFile();
            String f = file.getFileName().toString();
            name = f.substring(0, f.length() - ".triax".length());
        }
        this.model = name;
        this.studio = Studio.start(new StudioConfig("127.0.0.1", 0, data, models, TOKEN, maxUpload), new StudioTrainOptions(),
                new PrintStream(OutputStream.nullOutputStream()));
    }

    static DataOptions tinyOptions(Path root) {
        return new DataOptions(root, List.of(), Double.NaN, null, new WindowSpec(256, 128),
                new StftConfig(32, 16, WindowFunction.HANN, -120, 0, Double.POSITIVE_INFINITY), SplitProtocol.AUTO,
                SplitFractions.DEFAULT, 3);
    }

    /** The studio most tests share: made on first use, closed when the JVM ends. */
    static synchronized StudioFixture shared() {
        if (shared == null) {
            shared = create(true, MAX_UPLOAD);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** A studio of its own (close it). */
    static StudioFixture create(boolean withModel, long maxUpload) {
        try {
            return new StudioFixture(Files.createTempDirectory("triax-studio-test-"), withModel, maxUpload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + studio.port() + pathAndQuery);
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(uri(pathAndQuery)).header("Authorization", "token " + TOKEN);
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String pathAndQuery) {
        return send(request(pathAndQuery).GET().build());
    }

    HttpResponse<String> postJson(String pathAndQuery, String json) {
        return send(request(pathAndQuery).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** POST /api/v1/predict of one raw recording file. */
    HttpResponse<String> predictRaw(String model, String filename, byte[] body) {
        return send(request("/api/v1/predict?model=" + model + "&filename=" + filename)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** The model files of the models folder (.triax), sorted. */
    List<Path> modelFiles() {
        return TinyData.filesEndingWith(models, ".triax");
    }

    /** Every file in the models folder, hidden ones included. */
    List<String> everyModelsFile() {
        try (Stream<Path> s = Files.walk(models)) {
            return s.filter(Files::isRegularFile).map(p -> models.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        studio.close();
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder
        }
    }
}
