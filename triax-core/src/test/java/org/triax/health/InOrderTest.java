package org.triax.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.triax.TriaxException;

/** Items computed on threads, written in order, a bounded number in flight whatever the count. */
class InOrderTest {

    @Test
    void writesInOrderWithAtMostTwoPerThreadBetweenStartedAndWritten() {
        AtomicInteger started = new AtomicInteger();
        List<Integer> written = new ArrayList<>();
        int[] most = new int[1];
        InOrder.run(5, 1000, 3, i -> {
            started.incrementAndGet();
            // uneven work: later items often finish before earlier ones
            if (i % 7 == 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(200_000);
            }
            return i;
        }, i -> {
            most[0] = Math.max(most[0], started.get() - written.size());
            written.add(i);
        });
        assertEquals(995, written.size());
        for (int k = 0; k < written.size(); k++) {
            assertEquals(k + 5, written.get(k));
        }
        assertTrue(most[0] <= InOrder.maxInFlight(3), most[0] + " in flight, at most " + InOrder.maxInFlight(3));
        assertTrue(most[0] >= 2, "the threads did work ahead of the writer: " + most[0]);
    }

    @Test
    void aFailureIsThrownOnceEveryStartedItemIsDone() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger runningAtThrow = new AtomicInteger(-1);
        TriaxException e = assertThrows(TriaxException.class, () -> {
            try {
                InOrder.run(0, 100, 2, i -> {
                    running.incrementAndGet();
                    try {
                        if (i == 10) {
                            throw new TriaxException("item 10 is bad");
                        }
                        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                        return i;
                    } finally {
                        running.decrementAndGet();
                    }
                }, i -> { });
            } finally {
                runningAtThrow.set(running.get());
            }
        });
        assertEquals("item 10 is bad", e.getMessage());
        assertEquals(0, runningAtThrow.get(), "no item still running when the failure reaches the caller");
    }
}
