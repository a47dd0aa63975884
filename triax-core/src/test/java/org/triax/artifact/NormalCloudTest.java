package org.triax.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Mahalanobis distance to a shrunk normal cloud. */
class NormalCloudTest {

    /** n rows of p features: feature j = common factor + own noise (so features correlate). */
    private static double[][] correlated(int n, int p, long seed) {
        Random rnd = new Random(seed);
        double[][] rows = new double[n][p];
        for (double[] r : rows) {
            double common = rnd.nextGaussian();
            for (int j = 0; j < p; j++) {
                r[j] = 10 + j + 3 * common + rnd.nextGaussian();
            }
        }
        return rows;
    }

    @Test
    void squaredDistanceOfNewNormalDataAveragesTheNumberOfFeatures() {
        int p = 6;
        NormalCloud cloud = NormalCloud.fit(correlated(5000, p, 1));
        double sum = 0;
        double[][] fresh = correlated(2000, p, 2);
        for (double[] r : fresh) {
            double d = cloud.distance(r);
            sum += d * d;
        }
        // E[d^2] = p for Gaussian data and the true covariance; 5000 windows leave little to shrink
        assertEquals(p, sum / fresh.length, 0.3);
        assertTrue(cloud.shrinkage() < 0.01, "many windows per feature: little shrinkage, got " + cloud.shrinkage());
    }

    @Test
    void aMoveAgainstTheCorrelationIsFartherThanTheSameMoveAlongIt() {
        NormalCloud cloud = NormalCloud.fit(correlated(2000, 2, 3));
        double[] along = {10 + 3, 11 + 3}; // both features up together: what the common factor does
        double[] against = {10 + 3, 11 - 3};
        assertTrue(cloud.distance(against) > 2 * cloud.distance(along),
                cloud.distance(against) + " vs " + cloud.distance(along));
    }

    @Test
    void fewWindowsShrinkMoreAndStillGiveFiniteDistances() {
        NormalCloud few = NormalCloud.fit(correlated(8, 12, 4)); // fewer windows than features: singular sample covariance
        NormalCloud many = NormalCloud.fit(correlated(800, 12, 4));
        assertTrue(few.shrinkage() > many.shrinkage(), few.shrinkage() + " vs " + many.shrinkage());
        double d = few.distance(correlated(1, 12, 5)[0]);
        assertTrue(Double.isFinite(d) && d > 0, "distance " + d);
    }

    @Test
    void duplicatedAndConstantFeaturesDoNotBreakTheInverse() {
        double[][] rows = correlated(200, 3, 6);
        double[][] wide = new double[rows.length][5];
        for (int i = 0; i < rows.length; i++) {
            wide[i] = new double[] {rows[i][0], rows[i][1], rows[i][2], rows[i][0], -120};
        }
        NormalCloud cloud = NormalCloud.fit(wide);
        double normal = cloud.distance(wide[0]);
        assertTrue(Double.isFinite(normal) && normal < 10, "normal window " + normal);
        double[] changed = wide[0].clone();
        changed[4] = -100; // a band that sat at the dB floor wakes up: a real change
        assertTrue(cloud.distance(changed) > 100 * normal, "distance " + cloud.distance(changed));
    }
}
