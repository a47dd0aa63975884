package org.triax.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The unknown-state rule on two synthetic classes in a three-feature space. */
class UnknownStateTest {
    private static final List<String> FEATURES = List.of("X.rms", "X.kurtosis", "X.band1_dB");

    private static double[][] cloud(Random rnd, double[] centre, int n) {
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new double[centre.length];
            for (int j = 0; j < centre.length; j++) {
                rows[i][j] = centre[j] + rnd.nextGaussian();
            }
        }
        return rows;
    }

    private static UnknownState.ClassCloud fitted(String label, Random rnd, double[] centre) {
        NormalCloud c = NormalCloud.fit(cloud(rnd, centre, 400));
        double[][] held = cloud(rnd, centre, 400);
        double[] d = new double[held.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = c.distance(held[i]);
        }
        return new UnknownState.ClassCloud(label, c, AlarmThreshold.fit(d, 0.01, label));
    }

    private static UnknownState twoClasses(Random rnd) {
        return new UnknownState(8, FEATURES, 0.01,
                List.of(fitted("healthy", rnd, new double[] {0, 3, -40}), fitted("faulty", rnd, new double[] {6, 9, -20})),
                0, 0);
    }

    @Test
    void recordingsOfEitherClassAreKnownAndNamedNearest() {
        Random rnd = new Random(1);
        UnknownState u = twoClasses(rnd);
        UnknownState.Check a = u.check(cloud(rnd, new double[] {0, 3, -40}, 50));
        UnknownState.Check b = u.check(cloud(rnd, new double[] {6, 9, -20}, 50));
        assertFalse(a.unknown(), a.toString());
        assertFalse(b.unknown(), b.toString());
        assertNull(a.reason());
        assertEquals("healthy", a.nearest());
        assertEquals("faulty", b.nearest());
        assertTrue(a.share() < 0.1 && b.share() < 0.1 && a.distance() < 1 && b.distance() < 1, a + " " + b);
    }

    @Test
    void aRecordingBetweenOrBeyondTheClassesIsUnknownWithTheFeatureThatDiffers() {
        Random rnd = new Random(2);
        UnknownState u = twoClasses(rnd);
        // kurtosis far above both classes, level and spectrum like healthy: an impulsive fault never trained on
        UnknownState.Check c = u.check(cloud(rnd, new double[] {0, 20, -40}, 50));
        assertTrue(c.unknown(), c.toString());
        assertTrue(c.share() > 0.9 && c.distance() > 1, c.toString());
        assertTrue(c.reason().contains("unlike every training class"), c.reason());
        assertTrue(c.reason().contains("most different: X.kurtosis +"), c.reason());
        // half-way between the classes on every feature: near neither
        assertTrue(u.check(cloud(rnd, new double[] {3, 6, -30}, 50)).unknown());
    }

    @Test
    void aFewOddWindowsDoNotMakeARecordingUnknown() {
        Random rnd = new Random(3);
        UnknownState u = twoClasses(rnd);
        double[][] windows = cloud(rnd, new double[] {0, 3, -40}, 51);
        for (int i = 0; i < 20; i++) {
            windows[i] = new double[] {0, 40, -40}; // a transient in 20 of 51 windows: the median is still normal
        }
        assertFalse(u.check(windows).unknown());
        for (int i = 20; i < 30; i++) {
            windows[i] = new double[] {0, 40, -40}; // 30 of 51: most of the recording is unlike both classes
        }
        assertTrue(u.check(windows).unknown());
    }
}
