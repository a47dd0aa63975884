package org.triax.health;

import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Items computed on a pool of threads and handed, in index order, to a writer on the calling
 * thread as soon as each and those before it are done; at most {@link #maxInFlight} items are
 * between being started and being written, whatever their number, so memory stays bounded on a run
 * of any length. The pool is a fork-join pool, so parallel streams inside an item share its threads.
 * When an item or the writer fails, every item already started finishes before the failure is
 * thrown (a scorer closed under a running ONNX Runtime call crashes the JVM).
 */
final class InOrder {
    private InOrder() {
    }

    /** Items started but not yet written, at most: two per thread, so no thread waits for the writer. */
    static int maxInFlight(int threads) {
        return 2 * threads;
    }

    /** {@code write(work(i))} for i in {@code [from, to)} in order, the work on {@code threads} threads. */
    static <T> void run(int from, int to, int threads, IntFunction<T> work, Consumer<T> write) {
        ForkJoinPool pool = new ForkJoinPool(threads);
        ArrayDeque<Future<T>> inFlight = new ArrayDeque<>();
        try {
            for (int i = from; i < to; i++) {
                if (inFlight.size() == maxInFlight(threads)) {
                    write.accept(next(inFlight.poll()));
                }
                int item = i;
                inFlight.add(pool.submit(() -> work.apply(item)));
            }
            while (!inFlight.isEmpty()) {
                write.accept(next(inFlight.poll()));
            }
        } finally {
            inFlight.forEach(f -> f.cancel(false));
            pool.shutdown();
            try {
                pool.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static <T> T next(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scoring", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error er) {
                throw er;
            }
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }
}
