package org.triax.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** ROC area, partial area (McClish) and the metrics at a threshold. */
class RocCurveTest {

    @Test
    void theScikitLearnExample() {
        // y = [0, 0, 1, 1], scores [0.1, 0.4, 0.35, 0.8]: roc_auc_score 0.75, with max_fpr=0.5 0.6667
        RocCurve roc = RocCurve.of(new double[] {0.1, 0.4}, new double[] {0.35, 0.8});
        assertEquals(0.75, roc.auc(), 1e-12);
        assertEquals(2.0 / 3, roc.partialAuc(0.5), 1e-12);
    }

    @Test
    void separatedScoresGiveOneAndEqualScoresGiveAHalf() {
        RocCurve perfect = RocCurve.of(new double[] {1, 2, 3}, new double[] {4, 5});
        assertEquals(1, perfect.auc(), 1e-12);
        assertEquals(1, perfect.partialAuc(0.1), 1e-12);
        RocCurve tied = RocCurve.of(new double[] {7, 7, 7}, new double[] {7, 7});
        assertEquals(0.5, tied.auc(), 1e-12);
        assertEquals(0.5, tied.partialAuc(0.1), 1e-12);
    }

    @Test
    void theAreaIsTheMannWhitneyProbabilityWithTiesCountingHalf() {
        Random rnd = new Random(3);
        double[] neg = new double[300];
        double[] pos = new double[200];
        for (int i = 0; i < neg.length; i++) {
            neg[i] = Math.round(rnd.nextGaussian() * 4) / 4.0; // coarse: many ties
        }
        for (int i = 0; i < pos.length; i++) {
            pos[i] = Math.round((rnd.nextGaussian() + 1) * 4) / 4.0;
        }
        double wins = 0;
        for (double p : pos) {
            for (double n : neg) {
                wins += p > n ? 1 : p == n ? 0.5 : 0;
            }
        }
        assertEquals(wins / (neg.length * pos.length), RocCurve.of(neg, pos).auc(), 1e-12);
    }

    @Test
    void metricsAtTheThresholdCountAnomalousAsPositive() {
        DetectionMetrics m = DetectionMetrics.of(new double[] {1, 2, 3, 9}, new double[] {4, 8, 10, 2.5}, 3.5);
        assertEquals(0.75, m.precision(), 1e-12); // 3 of the 4 alarms are anomalous
        assertEquals(0.75, m.recall(), 1e-12);
        assertEquals(0.75, m.f1(), 1e-12);
        assertEquals(0.25, m.falseAlarm(), 1e-12);
        assertEquals(4, m.normal());
    }
}
