package org.triax.studio;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.triax.TriaxException;
import org.triax.artifact.ModelArtifact;

/**
 * triax studio: the REST API under {@code /api/v1} and the pages that use it, on Javalin (Jetty).
 * Every route needs the token ({@link Access}); every error is a one-line JSON body, never a
 * stack trace. {@link #close} cancels training and waits for it, so nothing is left half-written.
 */
public final class Studio implements AutoCloseable {
    private final StudioConfig config;
    private final Path scratch;
    private final ModelStore models;
    private final RunEvents events;
    private final Predictions predictions;
    private final TrainingQueue queue;
    private final Javalin app;
    private final Api api = new Api();
    private final DataRoot root;
    private final PrintStream console;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    /** The most of a refused request's body read to keep its connection. */
    private static final long DRAIN_LIMIT = 4L << 20;

    private Studio(StudioConfig config, TrainOptions trainOptions, PrintStream console) throws IOException {
        this.config = config;
        this.console = console;
        this.root = new DataRoot(config.dataRoot());
        Files.createDirectories(config.models());
        this.scratch = Files.createTempDirectory("triax-studio-");
        this.models = new ModelStore(config.models(), Math.max(2, Runtime.getRuntime().availableProcessors()));
        this.events = new RunEvents();
        this.queue = new TrainingQueue(config.models(), models, events, console);
        SpectrogramImages images = new SpectrogramImages(scratch.resolve("images"));
        new Assets().routes(api);
        api.get("/api/v1/openapi.json", "This document: every route of the API", Api.JSON,
                ctx -> Json.send(ctx, api.openApi("/api/v1", ModelArtifact.triaxVersion())));
        api.get("/api/v1/info", "The studio: triax version, data root and models folder names, upload limit", Api.JSON,
                ctx -> Json.send(ctx, Map.of("version", ModelArtifact.triaxVersion(),
                        "dataRoot", root.path().getFileName() == null ? "/" : root.path().getFileName().toString(),
                        "models", config.models().toAbsolutePath().normalize().getFileName().toString(),
                        "maxUpload", config.maxUpload())));
        new DatasetsApi(root, images).routes(api);
        new ModelsApi(models).routes(api);
        this.predictions = new Predictions(scratch.resolve("predictions"));
        new PredictApi(models, new Uploads(config.maxUpload()), predictions, images).routes(api);
        new RunsApi(queue, events, trainOptions, root).routes(api);
        Access access = new Access(config.token());
        this.app = Javalin.create(c -> configure(c, access));
    }

    /**
     * Starts a studio; it serves until {@link #close}.
     *
     * @param trainOptions how training options are read (the CLI's parser)
     * @param console where the server reports training runs and internal errors
     * @throws TriaxException when the data root is missing or the port cannot be taken
     */
    public static Studio start(StudioConfig config, TrainOptions trainOptions, PrintStream console) {
        Studio s;
        try {
            s = new Studio(config, trainOptions, console);
        } catch (IOException e) {
            throw new TriaxException("cannot set up the studio: " + e.getMessage(), e);
        }
        try {
            s.app.start(config.host(), config.port());
        } catch (RuntimeException e) {
            s.close();
            throw new TriaxException("cannot listen on " + config.host() + ":" + config.port() + " ("
                    + rootCause(e) + "); choose another --port (0: any free port)", e);
        }
        return s;
    }

    private void configure(JavalinConfig c, Access access) {
        c.startup.showJavalinBanner = false;
        c.startup.showOldJavalinVersionWarning = false;
        long max = config.maxUpload();
        c.jetty.multipartConfig.cacheDirectory(scratch.toString());
        c.jetty.multipartConfig.maxFileSize(max, SizeUnit.BYTES);
        c.jetty.multipartConfig.maxTotalRequestSize(max + (1 << 20), SizeUnit.BYTES);
        c.jetty.multipartConfig.maxInMemoryFileSize((int) Uploads.IN_MEMORY, SizeUnit.BYTES);
        c.jetty.modifyServer(server -> server.setErrorHandler(new PlainErrors()));
        c.jetty.modifyServletContextHandler(h -> h.setErrorHandler(new PlainErrors()));
        c.routes.before(Studio::securityHeaders);
        c.routes.before(access::check);
        api.register(c.routes);
        c.routes.exception(HttpError.class, (e, ctx) -> error(ctx, e.status, e.getMessage()));
        c.routes.exception(TriaxException.class, (e, ctx) -> error(ctx, 400, serverPathsOut(e.getMessage())));
        c.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
                e.getStatus() == 404 ? "no such route: " + ctx.method() + " " + ctx.path() : e.getMessage()));
        c.routes.exception(Exception.class, (e, ctx) -> {
            console.println("triax studio: internal error on " + ctx.method() + " " + ctx.path() + ":");
            e.printStackTrace(console);
            error(ctx, 500, "internal error (" + e.getClass().getSimpleName() + "); see the server's output");
        });
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; "
                + "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
    }

    /** JSON for the API and other clients; a short page for a browser that opened a page without the token. */
    private static void error(Context ctx, int status, String message) {
        finishBody(ctx);
        if (status == 401 && !ctx.path().startsWith("/api/")) {
            ctx.status(401).contentType("text/html; charset=utf-8").result("<!doctype html><title>triax studio</title>"
                    + "<h1>401: this studio needs its token</h1><p>Open the URL that <code>triax serve</code> printed "
                    + "(it ends in <code>?token=...</code>).</p>");
            return;
        }
        Json.send(ctx, status, Json.error(status, message));
    }

    /**
     * A request refused before its body was read (no token, an upload too large or malformed):
     * a small rest is read and dropped, so that the client gets the answer and the connection
     * stays usable; a large rest, or a body that cannot be read any more, closes the connection.
     */
    private static void finishBody(Context ctx) {
        if (ctx.method() == io.javalin.http.HandlerType.GET || ctx.method() == io.javalin.http.HandlerType.HEAD) {
            return;
        }
        long declared = ctx.req().getContentLengthLong();
        // a multipart body the parser has read from may be half parsed: what is left cannot be told apart
        // any more; one refused before it was parsed (too large by its length) is drained like any other
        if (declared > DRAIN_LIMIT || ctx.attribute(Uploads.MULTIPART_READ) != null) {
            ctx.header("Connection", "close");
            return;
        }
        try {
            java.io.InputStream in = ctx.req().getInputStream();
            byte[] buf = new byte[1 << 14];
            long left = DRAIN_LIMIT;
            for (int n; (n = in.read(buf)) > 0; ) {
                left -= n;
                if (left < 0) {
                    ctx.header("Connection", "close");
                    return;
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            ctx.header("Connection", "close");
        }
    }

    /** Files are named as the client names them: relative to the data root or the models folder. */
    private String serverPathsOut(String message) {
        String m = String.valueOf(message);
        for (Path p : new Path[] {root.path(), config.models().toAbsolutePath().normalize()}) {
            m = m.replace(p + "/", "").replace(p.toString(), ".");
        }
        return m;
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    public int port() {
        return app.port();
    }

    /** The address to open, token included. */
    public String url() {
        String host = config.servesNetwork() ? "127.0.0.1" : config.host().contains(":") && !config.host().startsWith("[")
                ? "[" + config.host() + "]" : config.host();
        return "http://" + host + ":" + port() + "/?token=" + config.token();
    }

    /** Cancels and waits for training, then stops serving and frees the models and scratch files. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        queue.close();
        events.close();
        try {
            app.stop();
        } finally {
            models.close();
            predictions.close();
            Predictions.delete(scratch);
        }
    }

    /** Only for tests: the route table. */
    java.util.List<Api.Route> routes() {
        return api.routes();
    }
}
