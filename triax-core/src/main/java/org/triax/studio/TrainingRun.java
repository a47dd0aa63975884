package org.triax.studio;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.triax.artifact.EpochStats;
import org.triax.model.Design;

/**
 * One queued, running or finished training run: its request, state, log, epoch history per
 * design and progress inside the epoch, and what it produced. Every change gets a sequence
 * number, so a client that joins late takes a snapshot and skips events it already holds.
 * Guarded by its own monitor.
 */
final class TrainingRun {
    enum State { QUEUED, RUNNING, DONE, FAILED, CANCELLED }

    final String id;
    final String data;
    final Map<String, String> options;
    /** What to train (null for a run restored from the history: it is over). */
    final TrainOptions.Plan plan;
    private final List<String> designs;
    private final int epochs;
    final String createdAt;
    private State state = State.QUEUED;
    private volatile boolean cancelRequested;
    private long seq;
    private String startedAt;
    private String endedAt;
    private String error;
    private final List<String> log = new ArrayList<>();
    private final Map<String, List<EpochStats>> history = new LinkedHashMap<>();
    private final Map<String, Integer> bestEpoch = new LinkedHashMap<>();
    private Map<String, Object> progress;
    private final List<Map<String, Object>> outcomes = new ArrayList<>();

    TrainingRun(String id, String data, Map<String, String> options, TrainOptions.Plan plan) {
        this.id = id;
        this.data = data;
        this.options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
        this.plan = plan;
        this.designs = plan.designs().stream().map(Design::label).toList();
        this.epochs = plan.config().epochs();
        this.createdAt = now();
        for (String d : designs) {
            history.put(d, new ArrayList<>());
        }
    }

    /** A finished run as the history saved it ({@link #snapshot}); {@code interrupted}: the server stopped during it. */
    static TrainingRun restore(Map<String, Object> saved, boolean interrupted) {
        return new TrainingRun(saved, interrupted);
    }

    @SuppressWarnings("unchecked")
    private TrainingRun(Map<String, Object> saved, boolean interrupted) {
        this.id = (String) saved.get("id");
        this.data = (String) saved.get("data");
        this.options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>((Map<String, String>) saved.get("options")));
        this.plan = null;
        this.designs = List.copyOf((List<String>) saved.get("designs"));
        this.epochs = ((Number) saved.get("epochs")).intValue();
        this.createdAt = (String) saved.get("createdAt");
        this.startedAt = (String) saved.get("startedAt");
        this.endedAt = (String) saved.get("endedAt");
        this.state = interrupted ? State.FAILED
                : State.valueOf(((String) saved.get("state")).toUpperCase(java.util.Locale.ROOT));
        this.error = interrupted ? "interrupted: the server stopped during this run" : (String) saved.get("error");
        this.log.addAll((List<String>) saved.getOrDefault("log", List.of()));
        for (String d : designs) {
            history.put(d, new ArrayList<>());
        }
        ((Map<String, List<Map<String, Object>>>) saved.getOrDefault("history", Map.of())).forEach((d, list) ->
                list.forEach(e -> history.get(d).add(Json.MAPPER.convertValue(e, EpochStats.class))));
        ((Map<String, Number>) saved.getOrDefault("bestEpoch", Map.of())).forEach((d, e) -> bestEpoch.put(d, e.intValue()));
        this.outcomes.addAll((List<Map<String, Object>>) saved.getOrDefault("outcomes", List.of()));
        this.seq = ((Number) saved.getOrDefault("seq", 0)).longValue();
    }

    /** Whether the run is over (done, failed or cancelled). */
    synchronized boolean finished() {
        return state != State.QUEUED && state != State.RUNNING;
    }

    static String now() {
        return OffsetDateTime.now().withNano(0).toString();
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    void requestCancel() {
        cancelRequested = true;
    }

    synchronized State state() {
        return state;
    }

    /** The design the epoch and batch callbacks are about: designs train one after the other, each for every epoch. */
    synchronized String currentDesign() {
        int done = history.values().stream().mapToInt(List::size).sum();
        int i = Math.min(done / epochs, designs.size() - 1);
        return designs.get(i);
    }

    synchronized Map<String, Object> setState(State s, String why) {
        state = s;
        if (s == State.RUNNING) {
            startedAt = now();
        } else if (s != State.QUEUED) {
            endedAt = now();
            progress = null;
        }
        error = why;
        return event("state", Map.of("run", summary()));
    }

    synchronized Map<String, Object> log(String line) {
        log.add(line);
        return event("log", Map.of("line", line));
    }

    synchronized Map<String, Object> epoch(String design, EpochStats s, boolean best) {
        history.get(design).add(s);
        if (best) {
            bestEpoch.put(design, s.epoch());
        }
        return event("epoch", Map.of("design", design, "stats", s, "best", best));
    }

    synchronized Map<String, Object> batch(String design, int epoch, int batch, int batches, double loss) {
        progress = Map.of("design", design, "epoch", epoch, "epochs", epochs, "batch", batch,
                "batches", batches, "loss", loss);
        return event("batch", progress);
    }

    synchronized void outcome(Map<String, Object> o) {
        outcomes.add(o);
    }

    private Map<String, Object> event(String type, Map<String, Object> body) {
        Map<String, Object> e = new LinkedHashMap<>(body);
        e.put("type", type);
        e.put("seq", ++seq);
        return e;
    }

    /** State and headline, for lists. */
    synchronized Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
        m.put("data", data);
        m.put("options", options);
        m.put("designs", designs);
        m.put("epochs", epochs);
        m.put("createdAt", createdAt);
        m.put("startedAt", startedAt);
        m.put("endedAt", endedAt);
        m.put("error", error);
        m.put("cancelRequested", cancelRequested);
        m.put("progress", progress);
        m.put("outcomes", List.copyOf(outcomes));
        return m;
    }

    /** Everything, with the sequence number of the last change it includes. */
    synchronized Map<String, Object> snapshot() {
        Map<String, Object> m = summary();
        m.put("log", List.copyOf(log));
        Map<String, Object> h = new LinkedHashMap<>();
        history.forEach((d, list) -> h.put(d, List.copyOf(list)));
        m.put("history", h);
        m.put("bestEpoch", Map.copyOf(bestEpoch));
        m.put("seq", seq);
        return m;
    }
}
