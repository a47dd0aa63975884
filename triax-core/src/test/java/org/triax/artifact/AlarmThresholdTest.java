package org.triax.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.triax.TriaxException;

/** The distribution-free upper confidence bound of the normal (1 - rate) quantile. */
class AlarmThresholdTest {

    @Test
    void windowsNeededFollowFromTheConfidence() {
        assertEquals(299, AlarmThreshold.needed(0.01)); // 0.99^299 = 0.0496 <= 0.05 < 0.99^298
        assertEquals(59, AlarmThreshold.needed(0.05));
        assertTrue(Math.pow(0.99, 299) <= 0.05 && Math.pow(0.99, 298) > 0.05);
        assertEquals(0.01, AlarmThreshold.smallestRate(299), 2e-4);
    }

    @Test
    void withJustEnoughWindowsTheThresholdIsTheLargestScore() {
        double[] s = new double[299];
        for (int i = 0; i < s.length; i++) {
            s[i] = i;
        }
        AlarmThreshold t = AlarmThreshold.fit(s, 0.01, "test");
        assertEquals(299, t.rank());
        assertEquals(298, t.value());
    }

    @Test
    void theFalseAlarmRateIsAboveTheTargetInAboutOneBaselineInTwenty() {
        // uniform(0,1) scores: a threshold v lets 1 - v of new normal windows through
        Random rnd = new Random(11);
        int over = 0;
        int trials = 400;
        for (int k = 0; k < trials; k++) {
            double[] s = new double[600];
            for (int i = 0; i < s.length; i++) {
                s[i] = rnd.nextDouble();
            }
            AlarmThreshold t = AlarmThreshold.fit(s, 0.02, "test");
            if (1 - t.value() > 0.02) {
                over++;
            }
            assertTrue(t.value() >= t.quantile(), "the bound is never below the plain quantile");
        }
        assertTrue(over <= trials * 0.08, over + " of " + trials + " thresholds let more than 2 % through");
        assertTrue(over >= 1, "a 95 % bound is not a 100 % one");
    }

    @Test
    void tooFewHeldOutWindowsSayHowManyAreNeededAndWhichRateTheyAllow() {
        TriaxException e = assertThrows(TriaxException.class, () -> AlarmThreshold.fit(new double[141], 0.01, "normal.mat"));
        assertTrue(e.getMessage().startsWith("normal.mat: 141 held-out normal windows cannot set a 1% false-alarm threshold: "
                + "it needs at least 299"), e.getMessage());
        assertTrue(e.getMessage().contains("--false-alarm 2.2% or more"), e.getMessage());
        assertTrue(AlarmThreshold.needed(0.022) <= 141 && AlarmThreshold.needed(0.021) > 141, "the smallest rate, rounded up");
    }

    @Test
    void aRecordingScoresItsMedianWindow() {
        assertEquals(2, AlarmThreshold.recordingScore(new double[] {9, 1, 2}));
        assertEquals(1.5, AlarmThreshold.recordingScore(new double[] {2, 1, 100, 0}));
    }
}
