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
    final TrainOptions.Plan plan;
    final String createdAt = now();
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
        for (Design d : plan.designs()) {
            history.put(d.label(), new ArrayList<>());
        }
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
        int i = Math.min(done / plan.config().epochs(), plan.designs().size() - 1);
        return plan.designs().get(i).label();
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
        progress = Map.of("design", design, "epoch", epoch, "epochs", plan.config().epochs(), "batch", batch,
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
        m.put("designs", plan.designs().stream().map(Design::label).toList());
        m.put("epochs", plan.config().epochs());
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
