package org.triax.studio;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.triax.TriaxException;
import org.triax.artifact.EpochStats;
import org.triax.train.TrainJob;
import org.triax.train.TrainingCancelledException;
import org.triax.train.TrainingListener;

/**
 * Training runs, one at a time in the order they were started, each through {@link TrainJob#run}
 * (the call {@code triax train} makes) into the models folder. Cancelling stops a run between
 * two batches ({@link TrainingCancelledException}); runs stay listed with their log, across restarts
 * ({@link RunHistory}).
 */
final class TrainingQueue implements AutoCloseable {
    /** Progress inside an epoch is sent at most this often (and at each epoch's last batch). */
    private static final long BATCH_EVENT_NANOS = 100_000_000L;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "triax-studio-training");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, TrainingRun> runs = new LinkedHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Path models;
    private final ModelStore store;
    private final RunEvents events;
    private final PrintStream console;
    private final RunHistory history;

    /** A queue that lists the runs of earlier sessions (from the history beside the models) first. */
    TrainingQueue(Path models, ModelStore store, RunEvents events, PrintStream console) {
        this.models = models;
        this.store = store;
        this.events = events;
        this.console = console;
        this.history = new RunHistory(models, console);
        for (TrainingRun r : history.load()) {
            runs.put(r.id, r);
            ids.set(Math.max(ids.get(), RunHistory.idNumber(r.id)));
        }
    }

    TrainingRun submit(String data, Map<String, String> options, TrainOptions.Plan plan) {
        TrainingRun run = new TrainingRun(String.valueOf(ids.incrementAndGet()), data, options, plan);
        synchronized (runs) {
            runs.put(run.id, run);
        }
        worker.execute(() -> execute(run));
        return run;
    }

    TrainingRun get(String id) {
        synchronized (runs) {
            TrainingRun r = runs.get(id);
            if (r == null) {
                throw HttpError.notFound("no training run '" + id + "'");
            }
            return r;
        }
    }

    List<TrainingRun> all() {
        synchronized (runs) {
            return new ArrayList<>(runs.values());
        }
    }

    /** A queued run never starts; a running one stops at its next batch; a finished one stays as it is. */
    void cancel(TrainingRun run) {
        if (run.finished()) {
            return;
        }
        run.requestCancel();
        events.publish(run, run.log("cancel requested"));
    }

    private void execute(TrainingRun run) {
        if (run.cancelRequested()) {
            finish(run, TrainingRun.State.CANCELLED, null);
            return;
        }
        events.publish(run, run.setState(TrainingRun.State.RUNNING, null));
        history.started(run);
        console.printf("triax studio: training run %s started (%s)%n", run.id, run.data);
        PrintStream log = LineStream.to(line -> events.publish(run, run.log(line)));
        try {
            List<TrainJob.Outcome> outcomes = TrainJob.run(run.plan.data(), run.plan.designs(), run.plan.config(),
                    models, listener(run), log);
            for (TrainJob.Outcome o : outcomes) {
                run.outcome(outcome(o));
            }
            finish(run, TrainingRun.State.DONE, null);
        } catch (TrainingCancelledException e) {
            events.publish(run, run.log("cancelled: the design in training was not written"));
            finish(run, TrainingRun.State.CANCELLED, null);
        } catch (TriaxException e) {
            String message = TriaxException.oneLine(e.getMessage());
            events.publish(run, run.log("error: " + message));
            finish(run, TrainingRun.State.FAILED, message);
        } catch (RuntimeException | Error e) {
            console.println("triax studio: training run " + run.id + " failed with an internal error:");
            e.printStackTrace(console);
            finish(run, TrainingRun.State.FAILED, "internal error (" + e.getClass().getSimpleName() + "); see the server's output");
        }
    }

    private void finish(TrainingRun run, TrainingRun.State state, String error) {
        events.publish(run, run.setState(state, error));
        history.ended(run);
        console.printf("triax studio: training run %s %s%n", run.id, state.name().toLowerCase(java.util.Locale.ROOT));
    }

    private TrainingListener listener(TrainingRun run) {
        return new TrainingListener() {
            private long lastBatch;

            @Override
            public void batch(int epoch, int epochs, int batch, int batches, double runningLoss) {
                stopWhenCancelled();
                long now = System.nanoTime();
                if (batch == batches || now - lastBatch >= BATCH_EVENT_NANOS) {
                    lastBatch = now;
                    events.publish(run, run.batch(run.currentDesign(), epoch, batch, batches, runningLoss));
                }
            }

            @Override
            public void epoch(EpochStats stats, int epochs, boolean best) {
                events.publish(run, run.epoch(run.currentDesign(), stats, best));
                stopWhenCancelled();
            }

            @Override
            public void note(String line) {
                events.publish(run, run.log("note: " + line));
            }

            private void stopWhenCancelled() {
                if (run.cancelRequested()) {
                    throw new TrainingCancelledException("training run " + run.id + " cancelled");
                }
            }
        };
    }

    private Map<String, Object> outcome(TrainJob.Outcome o) {
        String file = o.modelFile().getFileName().toString();
        String name = file.substring(0, file.lastIndexOf('.'));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("design", o.design().label());
        m.put("model", name);
        m.put("validationAccuracy", o.validation().accuracy());
        m.put("testAccuracy", o.test().accuracy());
        m.put("testMacroF1", o.test().macroF1());
        m.put("bestEpoch", o.bestEpoch());
        m.put("epochs", o.epochs());
        m.put("trainSeconds", o.trainSeconds());
        m.put("classes", store.metadata(name).classes());
        m.put("confusion", o.test().confusion());
        return m;
    }

    /** Cancels every run and waits for the one in training to stop (nothing half-written is left). */
    @Override
    public void close() {
        all().forEach(TrainingRun::requestCancel);
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.MINUTES)) {
                console.println("triax studio: the training run did not stop in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
