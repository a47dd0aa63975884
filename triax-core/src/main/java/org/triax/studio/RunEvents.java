package org.triax.studio;

import io.javalin.http.sse.SseClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Live events of training runs to the pages (server-sent events). One thread sends everything, in
 * order, so the training thread never waits on a slow client; a client that joins gets a snapshot
 * first and skips later events whose sequence number the snapshot already includes.
 */
final class RunEvents implements AutoCloseable {
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> daemon(r, "triax-studio-events"));
    private final ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "triax-studio-ping"));
    private final Map<String, List<SseClient>> clients = new HashMap<>();

    RunEvents() {
        // a comment now and then finds clients that went away
        pinger.scheduleAtFixedRate(() -> later(this::ping), 15, 15, TimeUnit.SECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    void subscribe(TrainingRun run, SseClient client) {
        client.keepAlive();
        client.onClose(() -> later(() -> remove(run.id, client)));
        later(() -> {
            clients.computeIfAbsent(run.id, k -> new ArrayList<>()).add(client);
            send(run.id, client, "snapshot", Json.string(run.snapshot()));
        });
    }

    void publish(TrainingRun run, Map<String, Object> event) {
        String type = (String) event.get("type");
        String data = Json.string(event);
        later(() -> List.copyOf(clients.getOrDefault(run.id, List.of())).forEach(c -> send(run.id, c, type, data)));
    }

    /** Runs on the sender thread; after close there is nothing left to do. */
    private void later(Runnable task) {
        try {
            sender.execute(task);
        } catch (RejectedExecutionException closed) {
            // shutting down: the clients are being closed
        }
    }

    private void send(String run, SseClient c, String type, String data) {
        try {
            c.sendEvent(type, data);
        } catch (RuntimeException gone) {
            remove(run, c);
        }
        if (c.terminated()) {
            remove(run, c);
        }
    }

    private void ping() {
        clients.forEach((run, list) -> List.copyOf(list).forEach(c -> {
            try {
                c.sendComment("ping");
            } catch (RuntimeException gone) {
                list.remove(c);
            }
            if (c.terminated()) {
                list.remove(c);
            }
        }));
    }

    private void remove(String run, SseClient c) {
        List<SseClient> list = clients.get(run);
        if (list != null) {
            list.remove(c);
        }
    }

    @Override
    public void close() {
        pinger.shutdownNow();
        later(() -> clients.values().forEach(list -> List.copyOf(list).forEach(SseClient::close)));
        sender.shutdown();
        try {
            sender.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
