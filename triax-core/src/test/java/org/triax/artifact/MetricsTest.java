package org.triax.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MetricsTest {

    private static final double EPS = 1e-12;

    /*
     * truth      0 0 0 0 1 1 1 2 2 2
     * predicted  0 0 1 0 1 1 0 1 0 1     (class 2 is never predicted)
     *
     * confusion[true][pred]   0  1  2
     *                     0   3  1  0
     *                     1   1  2  0
     *                     2   1  2  0
     */
    private static final int[] TRUTH = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
    private static final int[] PREDICTED = {0, 0, 1, 0, 1, 1, 0, 1, 0, 1};

    @Test
    void confusionMatrixCountsTrueRowsAgainstPredictedColumns() {
        Metrics m = Metrics.of(TRUTH, PREDICTED, 3);
        assertArrayEquals(new int[] {3, 1, 0}, m.confusion()[0]);
        assertArrayEquals(new int[] {1, 2, 0}, m.confusion()[1]);
        assertArrayEquals(new int[] {1, 2, 0}, m.confusion()[2]);
        assertArrayEquals(new int[] {4, 3, 3}, m.support());
        assertEquals(10, m.count());
        assertEquals(0.5, m.accuracy(), EPS);
    }

    @Test
    void precisionRecallAndF1MatchHandComputedValues() {
        Metrics m = Metrics.of(TRUTH, PREDICTED, 3);
        // precision: tp / predicted as c = 3/5, 2/5, 0/0 -> 0
        assertArrayEquals(new double[] {0.6, 0.4, 0.0}, m.precision(), EPS);
        // recall: tp / support = 3/4, 2/3, 0/3
        assertArrayEquals(new double[] {0.75, 2.0 / 3, 0.0}, m.recall(), EPS);
        // F1 = 2PR/(P+R): 0.9/1.35 = 2/3; (16/30)/(32/30) = 1/2; 0
        assertArrayEquals(new double[] {2.0 / 3, 0.5, 0.0}, m.f1(), EPS);
        // macro F1 = (2/3 + 1/2 + 0) / 3 = 7/18
        assertEquals(7.0 / 18, m.macroF1(), EPS);
    }

    @Test
    void classNeverPredictedHasPrecisionZeroNotNaN() {
        Metrics m = Metrics.of(TRUTH, PREDICTED, 3);
        assertEquals(0.0, m.precision()[2]);
        assertEquals(0.0, m.f1()[2]);
        for (double v : m.precision()) {
            assertEquals(false, Double.isNaN(v));
        }
    }

    @Test
    void classAbsentFromTruthAndPredictionsScoresZeroAndCountsInTheMacroAverage() {
        Metrics m = Metrics.of(new int[] {0, 1, 1}, new int[] {0, 1, 1}, 3);
        assertArrayEquals(new double[] {1, 1, 0}, m.precision(), EPS);
        assertArrayEquals(new double[] {1, 1, 0}, m.recall(), EPS);
        assertArrayEquals(new int[] {1, 2, 0}, m.support());
        assertEquals(2.0 / 3, m.macroF1(), EPS);
        assertEquals(1.0, m.accuracy(), EPS);
    }

    @Test
    void perfectPredictionsScoreOne() {
        int[] t = {2, 0, 1, 1, 2, 0};
        Metrics m = Metrics.of(t, t.clone(), 3);
        assertEquals(1.0, m.accuracy(), EPS);
        assertEquals(1.0, m.macroF1(), EPS);
        assertArrayEquals(new double[] {1, 1, 1}, m.f1(), EPS);
        assertArrayEquals(new int[] {2, 0, 0}, m.confusion()[0]);
        assertArrayEquals(new int[] {0, 0, 2}, m.confusion()[2]);
    }

    @Test
    void noWindowsGiveZerosNotNaN() {
        Metrics m = Metrics.of(new int[0], new int[0], 2);
        assertEquals(0, m.count());
        assertEquals(0.0, m.accuracy());
        assertEquals(0.0, m.macroF1());
        assertArrayEquals(new double[] {0, 0}, m.precision());
        assertArrayEquals(new double[] {0, 0}, m.recall());
        assertArrayEquals(new int[] {0, 0}, m.support());
    }
}
