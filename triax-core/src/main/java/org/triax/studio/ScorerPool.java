package org.triax.studio;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.function.Function;
import java.util.function.Supplier;
import org.triax.predict.RecordingScorer;

/**
 * Scorers of one model for concurrent requests: a scorer's network serves one thread at a time
 * (one reusable input buffer), so each request borrows one. Up to {@code max} are opened, lazily.
 */
final class ScorerPool implements AutoCloseable {
    private final Supplier<RecordingScorer> open;
    private final int max;
    private final LinkedBlockingDeque<RecordingScorer> idle = new LinkedBlockingDeque<>();
    private final List<RecordingScorer> all = new ArrayList<>();
    private boolean closed;

    ScorerPool(Supplier<RecordingScorer> open, int max) {
        this.open = open;
        this.max = max;
    }

    <T> T with(Function<RecordingScorer, T> use) {
        RecordingScorer s = borrow();
        try {
            return use.apply(s);
        } finally {
            giveBack(s);
        }
    }

    private RecordingScorer borrow() {
        RecordingScorer s = idle.pollFirst();
        if (s != null) {
            return s;
        }
        synchronized (this) {
            if (closed) {
                throw new HttpError(503, "this model's scorers were closed (the studio is stopping, or too many "
                        + "reading settings are in use at once): try again");
            }
            if (all.size() < max) {
                s = open.get();
                all.add(s);
                return s;
            }
        }
        try {
            return idle.takeFirst();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a scorer", e);
        }
    }

    private void giveBack(RecordingScorer s) {
        synchronized (this) {
            if (closed) {
                s.close();
                return;
            }
        }
        idle.offerFirst(s); // the warmest first
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (RecordingScorer s; (s = idle.pollFirst()) != null; ) {
            s.close();
        }
    }
}
