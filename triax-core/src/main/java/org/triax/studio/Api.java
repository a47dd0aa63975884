package org.triax.studio;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The studio's routes in one table: the server registers exactly these, and the OpenAPI document
 * is generated from them, so it lists every route.
 */
final class Api {
    static final String JSON = "application/json";
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([a-zA-Z]+)}");
    private final List<Route> routes = new ArrayList<>();

    /** One route: method, path (Javalin and OpenAPI both write parameters as {name}), what it does. */
    static final class Route {
        final HandlerType method;
        final String path;
        final String summary;
        final String produces;
        final Handler handler;
        final Map<String, String[]> query = new LinkedHashMap<>();
        String body;
        String bodyDescription;

        Route(HandlerType method, String path, String summary, String produces, Handler handler) {
            this.method = method;
            this.path = path;
            this.summary = summary;
            this.produces = produces;
            this.handler = handler;
        }

        /** A query parameter; {@code required} ones are checked by the handler. */
        Route query(String name, boolean required, String description) {
            query.put(name, new String[] {String.valueOf(required), description});
            return this;
        }

        /** The request body's content type(s), comma-separated. */
        Route body(String contentTypes, String description) {
            this.body = contentTypes;
            this.bodyDescription = description;
            return this;
        }
    }

    Route get(String path, String summary, String produces, Handler h) {
        return add(HandlerType.GET, path, summary, produces, h);
    }

    Route post(String path, String summary, String produces, Handler h) {
        return add(HandlerType.POST, path, summary, produces, h);
    }

    private Route add(HandlerType method, String path, String summary, String produces, Handler h) {
        Route r = new Route(method, path, summary, produces, h);
        routes.add(r);
        return r;
    }

    List<Route> routes() {
        return List.copyOf(routes);
    }

    void register(RoutesConfig config) {
        for (Route r : routes) {
            config.addHttpHandler(r.method, r.path, r.handler);
        }
    }

    /** OpenAPI 3 of the routes under {@code prefix}. */
    Map<String, Object> openApi(String prefix, String version) {
        Map<String, Object> paths = new LinkedHashMap<>();
        for (Route r : routes) {
            if (!r.path.startsWith(prefix)) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(r.path, k -> new LinkedHashMap<>());
            item.put(r.method.name().toLowerCase(Locale.ROOT), operation(r));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "triax studio", "version", version,
                "description", "Datasets, models, prediction and training runs of triax. Every route needs the "
                        + "token that triax serve prints: ?token=..., the cookie that sets, or 'Authorization: token ...'."));
        doc.put("components", Map.of("securitySchemes", Map.of(
                "header", Map.of("type", "apiKey", "in", "header", "name", "Authorization"),
                "query", Map.of("type", "apiKey", "in", "query", "name", "token"))));
        doc.put("security", List.of(Map.of("header", List.of()), Map.of("query", List.of())));
        doc.put("paths", paths);
        return doc;
    }

    private static Map<String, Object> operation(Route r) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("summary", r.summary);
        List<Map<String, Object>> params = new ArrayList<>();
        Matcher m = PATH_PARAM.matcher(r.path);
        while (m.find()) {
            params.add(Map.of("name", m.group(1), "in", "path", "required", true, "schema", Map.of("type", "string")));
        }
        r.query.forEach((name, rd) -> params.add(Map.of("name", name, "in", "query", "required",
                Boolean.parseBoolean(rd[0]), "description", rd[1], "schema", Map.of("type", "string"))));
        if (!params.isEmpty()) {
            op.put("parameters", params);
        }
        if (r.body != null) {
            Map<String, Object> content = new LinkedHashMap<>();
            for (String type : r.body.split(",")) {
                content.put(type.strip(), Map.of());
            }
            op.put("requestBody", Map.of("description", r.bodyDescription, "required", true, "content", content));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        Map<String, Object> ok = new LinkedHashMap<>();
        ok.put("description", "OK");
        ok.put("content", Map.of(r.produces, Map.of()));
        responses.put(r.method == HandlerType.POST && r.path.endsWith("/runs") ? "201" : "200", ok);
        responses.put("400", error("bad request: the one-line reason"));
        responses.put("401", error("missing or wrong token"));
        if (r.method != HandlerType.GET) {
            responses.put("403", error("cross-site request refused"));
        }
        responses.put("404", error("no such dataset, recording, model, run or prediction"));
        if (r.body != null && r.body.contains("multipart")) {
            responses.put("413", error("upload larger than --max-upload"));
        }
        op.put("responses", responses);
        return op;
    }

    private static Map<String, Object> error(String description) {
        return Map.of("description", description, "content", Map.of(JSON, Map.of("schema", Map.of("type", "object",
                "properties", Map.of("status", Map.of("type", "integer"), "error", Map.of("type", "string"))))));
    }
}
