package org.triax.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.triax.TriaxException;
import org.triax.artifact.ModelArtifact;
import org.triax.dataset.DemoDataset;
import org.triax.studio.Studio;
import org.triax.studio.StudioConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code triax serve}: triax studio, the browser workspace and its REST API, until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start triax studio: datasets, training, models and prediction in the browser, and the REST API "
                + "they use (/api/v1, OpenAPI at /api/v1/openapi.json). Prints the URL to open, with its token.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--host", description = "interface to listen on (default ${DEFAULT-VALUE}: this machine only; "
            + "0.0.0.0 serves the network)")
    String host = StudioConfig.DEFAULT_HOST;

    @Option(names = "--port", description = "port (default ${DEFAULT-VALUE}; 0: any free port)")
    int port = StudioConfig.DEFAULT_PORT;

    @Option(names = "--data-root", paramLabel = "DIR", description = "the only folder tree the studio reads datasets from "
            + "(default: ./data, with the demo dataset written to data/demo when missing)")
    Path dataRoot;

    @Option(names = "--models", paramLabel = "DIR", description = "where models are listed and trained ones written "
            + "(default ${DEFAULT-VALUE})")
    Path models = Path.of("models");

    @Option(names = "--token", description = "the secret every request needs (default: $TRIAX_TOKEN, else a random "
            + "192-bit token)")
    String token;

    @Option(names = "--max-upload", paramLabel = "SIZE", description = "largest prediction upload: bytes, or with K, M "
            + "or G (default ${DEFAULT-VALUE})")
    String maxUpload = "256M";

    @Override
    public Integer call() throws InterruptedException {
        Path root = dataRoot != null ? dataRoot : Path.of("data");
        if (dataRoot == null && !Files.exists(root.resolve("demo"))) {
            DemoDataset.generate(root.resolve("demo"), DemoDataset.SEED);
            System.out.println("no --data-root given: using " + root + ", with the built-in demo dataset in " + root.resolve("demo"));
        }
        StudioConfig cfg = new StudioConfig(host, port, root, models, token(token, System.getenv("TRIAX_TOKEN")), parseSize(maxUpload));
        Studio studio = Studio.start(cfg, new StudioTrainOptions(), System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("triax studio: stopping (a running training is cancelled; nothing half-written is left)");
            studio.close();
            stopped.countDown();
        }, "triax-studio-shutdown"));
        System.out.println("triax studio " + ModelArtifact.triaxVersion() + ": data root " + root.toAbsolutePath().normalize()
                + ", models " + models.toAbsolutePath().normalize());
        if (cfg.servesNetwork()) {
            System.err.println("triax: warning: serving every network interface (--host " + host + "): anyone who can "
                    + "reach this machine and has the token can read the data root and train models, over plain HTTP");
        }
        System.out.println("open in a browser (Ctrl-C stops the studio):");
        System.out.println();
        System.out.println("    " + studio.url());
        System.out.println();
        System.out.flush();
        stopped.await(); // the shutdown hook ends the wait (Ctrl-C, SIGTERM)
        return 0;
    }

    /** --token, else $TRIAX_TOKEN, else a fresh random one. */
    static String token(String given, String env) {
        if (given != null) {
            if (given.isBlank()) {
                throw new TriaxException("--token must not be empty");
            }
            return given;
        }
        return env != null && !env.isBlank() ? env : StudioConfig.newToken();
    }

    /** {@code 1048576}, {@code 512K}, {@code 256M}, {@code 1G} (binary multiples) in bytes. */
    static long parseSize(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT).replaceFirst("I?B$", "");
        long unit = 1;
        if (!t.isEmpty() && "KMG".indexOf(t.charAt(t.length() - 1)) >= 0) {
            unit = 1L << (10 * ("KMG".indexOf(t.charAt(t.length() - 1)) + 1));
            t = t.substring(0, t.length() - 1).strip();
        }
        try {
            long n = Long.parseLong(t);
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(n, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new TriaxException("--max-upload must be a size such as 256M, 1G or 1048576, got '" + text + "'");
        }
    }
}
