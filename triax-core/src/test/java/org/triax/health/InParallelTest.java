package org.triax.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.triax.TriaxException;

class InParallelTest {

    @Test
    void theResultsComeInIndexOrder() {
        List<Integer> out = InParallel.map(100, i -> i * i);
        assertEquals(IntStream.range(0, 100).map(i -> i * i).boxed().toList(), out);
    }

    @Test
    void aFailureIsThrownOnlyWhenEveryRunningItemHasFinished() {
        // a few rounds: which thread takes the failing item varies, and only one order exposes a plain parallel stream
        for (int round = 0; round < 5; round++) {
            CountDownLatch started = new CountDownLatch(1);
            AtomicInteger running = new AtomicInteger();
            TriaxException e = assertThrows(TriaxException.class, () -> InParallel.map(2, i -> {
                running.incrementAndGet();
                try {
                    if (i == 1) { // the caller's own part of a parallel stream
                        started.await(10, TimeUnit.SECONDS);
                        throw new TriaxException("item 1 is bad");
                    }
                    // item 0 is still working when item 1 fails (as a snapshot still inside ONNX Runtime)
                    started.countDown();
                    Thread.sleep(100);
                    return i;
                } catch (InterruptedException x) {
                    throw new IllegalStateException(x);
                } finally {
                    running.decrementAndGet();
                }
            }));
            assertEquals("item 1 is bad", e.getMessage());
            assertEquals(0, running.get(), "no item still running when the failure reaches the caller");
        }
    }

    @Test
    void theFailureOfTheLowestIndexIsThrownWhateverTheThreads() {
        for (int round = 0; round < 20; round++) {
            TriaxException e = assertThrows(TriaxException.class, () -> InParallel.map(64, i -> {
                if (i == 40 || i == 17 || i == 63) {
                    throw new TriaxException("bad " + i);
                }
                return i;
            }));
            assertEquals("bad 17", e.getMessage());
        }
    }
}
