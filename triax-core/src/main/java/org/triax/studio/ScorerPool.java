package org.triax.studio;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.function.Supplier;
import org.triax.predict.RecordingScorer;

/**
 * Scorers of one model for concurrent requests: a scorer's network serves one thread at a time
 * (one reusable input buffer), so each request borrows one. Up to {@code max} are opened, lazily
 * (one per core: more would only share the cores). Requests beyond them wait in arrival order
 * (a fair semaphore): a request that arrives while others wait queues behind them instead of
 * taking the next free scorer, so the wait is the queue's length and not a matter of luck.
 */
final class ScorerPool implements AutoCloseable {
    private final Supplier<RecordingScorer> open;
    private final Semaphore turns;
    /** Scorers not in use, the warmest first (guarded by this). */
    private final Deque<RecordingScorer> idle = new ArrayDeque<>();
    private boolean closed;

    ScorerPool(Supplier<RecordingScorer> open, int max) {
        this.open = open;
        this.turns = new Semaphore(max, true);
    }

    <T> T with(Function<RecordingScorer, T> use) {
        try {
            turns.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a scorer", e);
        }
        try {
            RecordingScorer s = borrow();
            try {
                return use.apply(s);
            } finally {
                giveBack(s);
            }
        } finally {
            turns.release();
        }
    }

    /** An idle scorer, or a new one: a turn guarantees that fewer than {@code max} are in use. */
    private RecordingScorer borrow() {
        synchronized (this) {
            if (closed) {
                throw new HttpError(503, "this model's scorers were closed (the studio is stopping, or too many "
                        + "reading settings are in use at once): try again");
            }
            RecordingScorer s = idle.pollFirst();
            if (s != null) {
                return s;
            }
        }
        return open.get();
    }

    private void giveBack(RecordingScorer s) {
        synchronized (this) {
            if (!closed) {
                idle.offerFirst(s);
                return;
            }
        }
        s.close();
    }

    /** Requests waiting for a scorer (an estimate, as {@link Semaphore#getQueueLength} says). */
    int waiting() {
        return turns.getQueueLength();
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (RecordingScorer s; (s = idle.pollFirst()) != null; ) {
            s.close();
        }
    }
}
