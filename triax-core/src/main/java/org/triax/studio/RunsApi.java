package org.triax.studio;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.sse.SseHandler;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Training runs: the form's options, start, list, status, live events (SSE) and cancel. */
final class RunsApi {
    private final TrainingQueue queue;
    private final RunEvents events;
    private final TrainOptions options;
    private final DataRoot root;

    RunsApi(TrainingQueue queue, RunEvents events, TrainOptions options, DataRoot root) {
        this.queue = queue;
        this.events = events;
        this.options = options;
        this.root = root;
    }

    void routes(Api api) {
        api.get("/api/v1/train/options", "The options of a training run, as triax train takes them (names without dashes, "
                + "defaults, descriptions)", Api.JSON, ctx -> Json.send(ctx, Map.of("options", options.describe())));
        api.get("/api/v1/runs", "Every training run: queued, running and finished, those of earlier server sessions included (kept in the models folder's .triax-runs/)", Api.JSON,
                ctx -> Json.send(ctx, Map.of("runs", queue.all().stream().map(TrainingRun::summary).toList())));
        api.post("/api/v1/runs", "Queue a training run (runs train one at a time) on a dataset under the data root; "
                + "models go to the models folder", Api.JSON, this::start)
                .body(Api.JSON, "{\"data\": \"folder relative to the data root\", \"options\": {\"mode\": \"both\", "
                        + "\"epochs\": 10, \"class-weights\": false, ...}} (GET /api/v1/train/options)");
        api.get("/api/v1/runs/{id}", "A run: state, options, log, epoch history per design, progress inside the epoch, "
                + "outcomes (metrics and confusion matrix per design)", Api.JSON,
                ctx -> Json.send(ctx, queue.get(ctx.pathParam("id")).snapshot()));
        api.get("/api/v1/runs/{id}/events", "Server-sent events of a run: 'snapshot' first (the whole run, with 'seq'), then "
                + "'log', 'batch', 'epoch' and 'state' events, each with a larger 'seq'", "text/event-stream",
                ctx -> {
                    TrainingRun run = queue.get(ctx.pathParam("id"));
                    String accept = ctx.header("Accept");
                    if (accept == null || !accept.contains("text/event-stream")) {
                        throw new HttpError(406, "this route streams server-sent events: send Accept: text/event-stream "
                                + "(EventSource does), or poll GET /api/v1/runs/" + run.id);
                    }
                    new SseHandler(client -> events.subscribe(run, client)).handle(ctx);
                });
        api.post("/api/v1/runs/{id}/cancel", "Cancel a run: a queued one never starts, a running one stops at its next "
                + "batch and leaves no model of the design in training", Api.JSON, ctx -> {
                    TrainingRun run = queue.get(ctx.pathParam("id"));
                    queue.cancel(run);
                    Json.send(ctx, run.summary());
                });
    }

    private void start(Context ctx) {
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            throw HttpError.badRequest("the body is not JSON: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        if (body == null || !body.isObject() || !body.path("data").isTextual()) {
            throw HttpError.badRequest("expected {\"data\": \"dataset folder under the data root\", \"options\": {...}}");
        }
        String data = body.get("data").asText();
        Map<String, String> values = new LinkedHashMap<>();
        JsonNode opts = body.path("options");
        if (!opts.isMissingNode() && !opts.isNull() && !opts.isObject()) {
            throw HttpError.badRequest("'options' must be an object of option name to value");
        }
        opts.fields().forEachRemaining(e -> {
            if (!e.getValue().isNull()) {
                if (e.getValue().isContainerNode()) {
                    throw HttpError.badRequest("option '" + e.getKey() + "' must be a text, number or boolean");
                }
                values.put(e.getKey(), e.getValue().asText());
            }
        });
        TrainOptions.Plan plan = options.parse(root.resolve(data), values);
        TrainingRun run = queue.submit(root.relative(plan.data().root()), values, plan);
        Json.send(ctx, 201, run.summary());
    }
}
