package org.triax.studio;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;

/** The pages (static files in the jar, no build step) and the charting library's WebJar. */
final class Assets {
    private static final String PAGES = "org/triax/studio/web/";
    private static final String UPLOT = "META-INF/resources/webjars/uplot/";
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "png", "image/png",
            "svg", "image/svg+xml", "json", "application/json");
    private final String uplotVersion = webjarVersion("uplot");

    void routes(Api api) {
        api.get("/", "The studio's pages", "text/html", ctx -> send(ctx, PAGES + "index.html"));
        api.get("/assets/{file}", "Scripts and styles of the pages", "text/javascript",
                ctx -> send(ctx, PAGES + checked(ctx.pathParam("file"))));
        api.get("/vendor/uplot/{file}", "The uPlot charting library (WebJar)", "text/javascript",
                ctx -> send(ctx, UPLOT + uplotVersion + "/dist/" + checked(ctx.pathParam("file"))));
    }

    private static String checked(String file) {
        if (!file.matches("[A-Za-z0-9][A-Za-z0-9._-]*") || file.contains("..")) {
            throw HttpError.notFound("no such file");
        }
        return file;
    }

    private static void send(Context ctx, String resource) throws IOException {
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw HttpError.notFound("no such file");
            }
            String ext = resource.substring(resource.lastIndexOf('.') + 1);
            ctx.header("Cache-Control", "no-cache");
            ctx.contentType(TYPES.getOrDefault(ext, "application/octet-stream")).result(in.readAllBytes());
        }
    }

    /** The version of a WebJar on the class path, from its Maven properties. */
    private static String webjarVersion(String artifact) {
        String props = "META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(props)) {
            if (in == null) {
                throw new IllegalStateException("the " + artifact + " WebJar is not on the class path");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
