package org.triax.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.triax.predict.InferenceEngine;
import org.triax.predict.RecordingScorer;

/** The scorers of one model: at most {@code max} opened, requests beyond them served in arrival order. */
class ScorerPoolTest {
    private final StudioFixture f = StudioFixture.shared();

    private RecordingScorer open() {
        return new RecordingScorer(f.models.resolve(f.model + ".triax"), InferenceEngine.ONNX, List.of(), null);
    }

    @Test
    void requestsBeyondTheScorersAreServedInArrivalOrder() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        List<String> served = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ScorerPool pool = new ScorerPool(() -> {
            opened.incrementAndGet();
            return open();
        }, 1)) {
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            RecordingScorer[] first = new RecordingScorer[1];
            Thread holder = new Thread(() -> pool.with(s -> {
                first[0] = s;
                holding.countDown();
                await(release);
                return null;
            }));
            holder.start();
            holding.await();
            List<Thread> queued = new ArrayList<>();
            for (String name : List.of("b", "c", "d", "e")) {
                Thread t = new Thread(() -> pool.with(s -> {
                    assertSame(first[0], s, "the one scorer, reused");
                    served.add(name);
                    return null;
                }));
                t.start();
                queued.add(t);
                while (pool.waiting() < queued.size()) {
                    Thread.onSpinWait(); // each in the queue before the next arrives
                }
            }
            release.countDown();
            // one arriving as the scorer is handed on: behind those waiting, never before them
            Thread late = new Thread(() -> pool.with(s -> served.add("late")));
            late.start();
            late.join();
            holder.join();
            for (Thread t : queued) {
                t.join();
            }
        }
        assertEquals(List.of("b", "c", "d", "e", "late"), served);
        assertEquals(1, opened.get());
    }

    @Test
    void aClosedPoolRefusesWithA503() {
        ScorerPool pool = new ScorerPool(this::open, 2);
        pool.with(s -> null);
        pool.close();
        assertEquals(503, assertThrows(HttpError.class, () -> pool.with(s -> null)).status);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
