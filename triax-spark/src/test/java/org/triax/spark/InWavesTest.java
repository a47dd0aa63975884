package org.triax.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Results taken in the work's order, a wave at a time and one wave ahead: every one once, at most two waves held. */
class InWavesTest {
    /** Item r makes results "r.0" .. "r.(blocks-1)". */
    private static InWaves<Integer, String, Integer> waves(int items, int blocks, int size, List<List<Integer>> started) {
        return new InWaves<>(IntStream.range(0, items).boxed().toList(), size, wave -> {
            started.add(wave);
            return CompletableFuture.completedFuture(wave.stream().map(r -> {
                Map<String, Integer> m = new java.util.HashMap<>();
                for (int b = 0; b < blocks; b++) {
                    m.put(r + "." + b, 10 * r + b);
                }
                return m;
            }).toList());
        });
    }

    @Test
    void resultsInTheWorksOrderHoldAtMostTwoWaves() {
        List<List<Integer>> started = new ArrayList<>();
        InWaves<Integer, String, Integer> w = waves(100, 3, 4, started);
        assertEquals(1, started.size(), "the first wave starts at once");
        for (int r = 0; r < 100; r++) {
            for (int b = 0; b < 3; b++) {
                assertEquals(10 * r + b, w.take(r + "." + b));
            }
            assertTrue(started.size() <= r / 4 + 2, "one wave ahead, no more: " + started.size() + " at item " + r);
        }
        assertEquals(25, started.size());
        assertTrue(w.mostHeld() <= 4 * 3, "one wave's results at most in the map: " + w.mostHeld());
        assertThrows(IllegalStateException.class, () -> w.take("0.0"), "each result is taken once");
    }

    @Test
    void aResultAskedForAfterItsWaveIsKeptUntilThen() {
        InWaves<Integer, String, Integer> w = waves(10, 2, 3, new ArrayList<>());
        for (int r = 0; r < 10; r++) {
            assertEquals(10 * r, w.take(r + ".0"));
        }
        for (int r = 0; r < 10; r++) {
            assertEquals(10 * r + 1, w.take(r + ".1"), "the second blocks, asked for last");
        }
    }
}
