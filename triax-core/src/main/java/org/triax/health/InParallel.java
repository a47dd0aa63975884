package org.triax.health;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Items computed in parallel, every task finished before a failure is thrown. Why: a parallel
 * stream rethrows the first failure while other tasks still run, and the caller's
 * try-with-resources then closes the scorer under them; an ONNX Runtime session closed during
 * {@code run} crashes the JVM (SIGSEGV) instead of printing the one-line error.
 */
final class InParallel {
    private InParallel() {
    }

    /**
     * {@code work.apply(i)} for i in {@code [0, n)}, on the current fork-join pool. After a failure
     * no item above it starts; items below it still run, so the failure thrown is always the one of
     * the lowest index (the same error whatever the threads).
     */
    @SuppressWarnings("unchecked")
    static <T> List<T> map(int n, IntFunction<T> work) {
        Object[] out = new Object[n];
        Throwable[] failures = new Throwable[n];
        AtomicInteger firstFailure = new AtomicInteger(n);
        IntStream.range(0, n).parallel().forEach(i -> {
            if (i > firstFailure.get()) {
                return;
            }
            try {
                out[i] = work.apply(i);
            } catch (RuntimeException | Error e) {
                failures[i] = e;
                firstFailure.accumulateAndGet(i, Math::min);
            }
        });
        int f = firstFailure.get();
        if (f < n) {
            if (failures[f] instanceof RuntimeException re) {
                throw re;
            }
            throw (Error) failures[f];
        }
        return (List<T>) Arrays.asList(out);
    }
}
