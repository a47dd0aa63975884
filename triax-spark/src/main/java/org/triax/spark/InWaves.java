package org.triax.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.triax.TriaxException;

/**
 * Results asked for one by one, in the order of the work that makes them, computed a wave of
 * items at a time, the next wave running while this one is consumed: the driver holds two waves'
 * results, not the whole dataset's, and the executors stay busy. A result is dropped once taken;
 * one asked for later than its wave (a recording whose blocks are not next to each other) is kept
 * until then.
 *
 * @param <T> a unit of work (one recording)
 * @param <K> the key of one result (one block of it)
 */
final class InWaves<T, K, V> {
    private final List<List<T>> waves = new ArrayList<>();
    private final Function<List<T>, Future<List<Map<K, V>>>> compute;
    private final Map<K, V> held = new HashMap<>();
    private int next;
    private Future<List<Map<K, V>>> running;
    private int mostHeld;

    /** {@code compute}: starts a wave's work (Spark's collectAsync), one map of results per item. */
    InWaves(List<T> items, int waveSize, Function<List<T>, Future<List<Map<K, V>>>> compute) {
        if (waveSize < 1) {
            throw new IllegalArgumentException("wave size " + waveSize);
        }
        for (int i = 0; i < items.size(); i += waveSize) {
            waves.add(List.copyOf(items.subList(i, Math.min(items.size(), i + waveSize))));
        }
        this.compute = compute;
        startNext();
    }

    private void startNext() {
        running = next < waves.size() ? compute.apply(waves.get(next++)) : null;
    }

    V take(K key) {
        while (!held.containsKey(key)) {
            if (running == null) {
                throw new IllegalStateException("no wave computes " + key);
            }
            List<Map<K, V>> done;
            try {
                done = running.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TriaxException("interrupted while the Spark job ran", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw cause instanceof RuntimeException r ? r : new TriaxException("the Spark job failed: " + cause, cause);
            }
            startNext();
            done.forEach(held::putAll);
            mostHeld = Math.max(mostHeld, held.size());
        }
        return held.remove(key);
    }

    /** The most results held at once so far (PrepareJob's bound on driver memory). */
    int mostHeld() {
        return mostHeld;
    }
}
