package org.triax.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DecibelsTest {

    @Test
    void matchesTenLog10OverTheWholeNormalRange() {
        Random r = new Random(3);
        double worst = 0;
        for (int k = 0; k < 1_000_000; k++) {
            double p = Math.pow(10, -300 + 600 * r.nextDouble()) * (1 + r.nextDouble());
            worst = Math.max(worst, Math.abs(Decibels.fromPower(p) - 10 * Math.log10(p)));
        }
        assertEquals(0, worst, 1e-6);
    }

    @Test
    void exactPowersOfTenAndTwo() {
        assertEquals(0.0, Decibels.fromPower(1.0), 1e-12);
        assertEquals(30.0, Decibels.fromPower(1000.0), 1e-6);
        assertEquals(-120.0, Decibels.fromPower(1e-12), 1e-6);
        assertEquals(10 * Math.log10(2), Decibels.fromPower(2.0), 1e-12);
        assertEquals(-3000.0, Decibels.fromPower(1e-300), 1e-6);
    }
}
