package org.triax.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.triax.TriaxException;

/** RMS, peak, crest factor, kurtosis and band energies against their closed forms. */
class ConditionIndicatorsTest {
    private static final double FS = 1000;
    private static final Preprocessing PRE = new Preprocessing(List.of("X"), FS, new WindowSpec(1000, 500),
            new StftConfig(100, 50, WindowFunction.HANN, -120, 0, Double.POSITIVE_INFINITY));

    private static double[] tone(double amplitude, double hz, double offset, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = offset + amplitude * Math.sin(2 * Math.PI * hz * i / FS);
        }
        return x;
    }

    private static double[] indicators(double[] x, int bands) {
        ConditionIndicators ci = new ConditionIndicators(PRE, bands);
        double[] out = new double[ci.perChannel()];
        ci.compute(x, 0, out, 0);
        return out;
    }

    @Test
    void sineHasTheClosedFormRmsPeakCrestAndKurtosisWhateverItsOffset() {
        // 50 Hz over exactly 50 periods: mean square A^2/2, peak A, fourth moment 3A^4/8
        double[] v = indicators(tone(2, 50, 7.5, 1000), 5);
        assertEquals(2 / Math.sqrt(2), v[0], 1e-9, "rms");
        assertEquals(2, v[1], 1e-9, "peak");
        assertEquals(Math.sqrt(2), v[2], 1e-9, "crest");
        assertEquals(1.5, v[3], 1e-9, "kurtosis");
    }

    @Test
    void gaussianNoiseHasKurtosisNearThreeAndImpactsRaiseIt() {
        Random rnd = new Random(1);
        double[] x = new double[1000];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian();
        }
        double noise = indicators(x, 5)[3];
        assertEquals(3, noise, 0.4, "kurtosis of Gaussian noise");
        for (int i = 0; i < x.length; i += 100) {
            x[i] += 12; // an impact every 0.1 s
        }
        double[] impacts = indicators(x, 5);
        assertTrue(impacts[3] > 3 * noise, "impacts raise kurtosis: " + impacts[3]);
        assertTrue(impacts[2] > 4, "and the crest factor: " + impacts[2]);
    }

    @Test
    void aToneLandsInItsBandWithItsMeanSquare() {
        // 5 bands over bins 1..50 (10 Hz each): 0-105, 105-205, ... Hz; a 160 Hz tone is in band 2
        ConditionIndicators ci = new ConditionIndicators(PRE, 5);
        assertEquals(List.of("5-105 Hz", "105-205 Hz", "205-305 Hz", "305-405 Hz", "405-505 Hz"), ci.bandRanges());
        double[] v = indicators(tone(2, 160, 0, 1000), 5);
        double expected = 10 * Math.log10(2.0); // mean square A^2 / 2 = 2, in dB
        assertEquals(expected, v[4 + 1], 0.2, "band 2 holds the tone's mean square");
        for (int b : new int[] {0, 3, 4}) {
            assertTrue(v[4 + b] < expected - 30, "band " + (b + 1) + " is far below: " + v[4 + b]);
        }
    }

    @Test
    void silenceGivesZerosAndTheDbFloor() {
        double[] v = indicators(new double[1000], 5);
        assertEquals(0, v[0]);
        assertEquals(0, v[2]);
        assertEquals(0, v[3]);
        assertEquals(-120, v[4]);
    }

    @Test
    void moreBandsThanBinsIsAClearError() {
        TriaxException e = assertThrows(TriaxException.class, () -> new ConditionIndicators(PRE, 51));
        assertTrue(e.getMessage().contains("51 bands do not fit the 50 frequency bins"), e.getMessage());
    }
}
