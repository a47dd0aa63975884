package org.triax.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import org.junit.jupiter.api.Test;

class ViridisTest {

    @Test
    void endpointsAreDarkPurpleAndYellow() {
        assertEquals(new Color(0x440154), Viridis.at(0));
        assertEquals(new Color(0xfde725), Viridis.at(1));
    }

    @Test
    void outOfRangeAndNaNAreClamped() {
        assertEquals(Viridis.at(0), Viridis.at(-3));
        assertEquals(Viridis.at(1), Viridis.at(7));
        assertEquals(Viridis.at(0), Viridis.at(Double.NaN));
    }

    @Test
    void luminanceRisesMonotonically() {
        // At steps of 0.01 the luma gain exceeds what rounding to 8-bit channels can take away.
        double previous = -1;
        for (int i = 0; i <= 100; i++) {
            double luma = Viridis.luma(Viridis.at(i / 100.0));
            assertTrue(luma > previous, "luma does not rise at t=" + i / 100.0);
            previous = luma;
        }
        assertTrue(Viridis.luma(Viridis.at(1)) - Viridis.luma(Viridis.at(0)) > 0.7);
    }
}
