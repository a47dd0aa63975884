package org.triax.train;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.triax.artifact.AlarmThreshold;
import org.triax.artifact.NormalCloud;
import org.triax.artifact.UnknownState;
import org.triax.dataset.LoadedRecordings;
import org.triax.dataset.SplitPlan;
import org.triax.dataset.Subset;
import org.triax.signal.ConditionIndicators;
import org.triax.signal.IndicatorFeatures;
import org.triax.signal.Preprocessing;

/**
 * Fits a classifier's unknown-state check ({@link UnknownState}) on its own split: each class's
 * cloud from its training windows, its threshold from windows the cloud was not fitted on, and a
 * count of the test recordings it would have called unknown (false alarms: they are of known
 * classes). A new recording of a known class differs from the training recordings more than their
 * windows differ from each other, so the held-out windows must come from other recordings: where a
 * class has several training recordings, their windows are scored cross-fitted (each fold of
 * recordings against the cloud of the others), and the class's validation windows are added.
 */
final class UnknownStateFit {
    /** Share of a class's held-out windows allowed above its threshold when there are enough of them. */
    static final double FALSE_ALARM = 0.01;
    /** Training windows per cloud at most (evenly spread): plenty for the 50-odd features. */
    static final int MAX_FIT_WINDOWS = 4000;
    /** Folds of training recordings for the cross-fitted distances. */
    static final int FOLDS = 5;

    private UnknownStateFit() {
    }

    /** The check, or null (with a line in {@code log}) when some class has too few windows to set it. */
    static UnknownState fit(LoadedRecordings read, SplitPlan plan, PrintStream log) {
        Preprocessing pre = read.preprocessing();
        int bands = Math.min(ConditionIndicators.DEFAULT_BANDS, Math.max(1, pre.bins() - 1)); // DC is not a band
        IndicatorFeatures features = new IndicatorFeatures(pre, bands);
        List<String> classes = read.index().classes();
        List<UnknownState.ClassCloud> clouds = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            List<double[][]> train = blocks(read, plan, features, Subset.TRAIN, c);
            double[][] fit = thin(concat(train));
            if (fit.length < 2) {
                log.printf("unknown-state check: off (class %s has %d training windows; it needs 2)%n", classes.get(c),
                        fit.length);
                return null;
            }
            NormalCloud cloud = NormalCloud.fit(fit);
            List<Double> heldOut = crossFitted(train);
            for (double[][] v : blocks(read, plan, features, Subset.VALIDATION, c)) {
                for (double[] x : v) {
                    heldOut.add(cloud.distance(x));
                }
            }
            if (heldOut.size() < 2) {
                log.printf("unknown-state check: off (class %s has %d windows held out from its cloud; it needs 2)%n",
                        classes.get(c), heldOut.size());
                return null;
            }
            double[] scores = heldOut.stream().mapToDouble(Double::doubleValue).toArray();
            // few held-out windows support only a coarser rate (the largest of them at 95 % confidence)
            double rate = Math.max(FALSE_ALARM, Math.ceil(AlarmThreshold.smallestRate(scores.length) * 1000) / 1000);
            clouds.add(new UnknownState.ClassCloud(classes.get(c), cloud,
                    AlarmThreshold.fit(scores, rate, "class " + classes.get(c) + " held-out windows")));
        }
        UnknownState draft = new UnknownState(bands, features.names(), FALSE_ALARM, clouds, 0, 0);
        int tested = 0;
        int unknown = 0;
        for (SplitPlan.Block b : plan.blocks(Subset.TEST)) {
            double[][] v = features.vectors(read.recordings().get(b.recording()),
                    pre.extractor().windowStarts(b.from(), b.to()));
            if (v.length > 0) {
                tested++;
                unknown += draft.check(v).unknown() ? 1 : 0;
            }
        }
        log.printf(Locale.ROOT, "unknown-state check: %d indicator features, one cloud per class, thresholds at %s "
                        + "false alarm per held-out window (coarser where few); test recordings called unknown: %d of %d%n",
                features.size(), AlarmThreshold.percent(FALSE_ALARM), unknown, tested);
        return new UnknownState(bands, features.names(), FALSE_ALARM, clouds, tested, unknown);
    }

    /**
     * Distances of each training block's windows to the cloud of the other folds' blocks (empty
     * with fewer than 2 blocks: one recording cannot be held out from itself).
     */
    private static List<Double> crossFitted(List<double[][]> blocks) {
        List<Double> out = new ArrayList<>();
        int folds = Math.min(FOLDS, blocks.size());
        for (int k = 0; folds >= 2 && k < folds; k++) {
            List<double[][]> rest = new ArrayList<>();
            for (int i = 0; i < blocks.size(); i++) {
                if (i % folds != k) {
                    rest.add(blocks.get(i));
                }
            }
            double[][] fit = thin(concat(rest));
            if (fit.length < 2) {
                continue;
            }
            NormalCloud cloud = NormalCloud.fit(fit);
            for (int i = k; i < blocks.size(); i += folds) {
                for (double[] x : blocks.get(i)) {
                    out.add(cloud.distance(x));
                }
            }
        }
        return out;
    }

    /** Indicator vectors of the windows of each block of {@code subset} of class {@code label}. */
    private static List<double[][]> blocks(LoadedRecordings read, SplitPlan plan, IndicatorFeatures features,
                                           Subset subset, int label) {
        List<double[][]> out = new ArrayList<>();
        for (SplitPlan.Block b : plan.blocks(subset)) {
            if (b.label() == label) {
                out.add(features.vectors(read.recordings().get(b.recording()),
                        read.preprocessing().extractor().windowStarts(b.from(), b.to())));
            }
        }
        return out;
    }

    private static double[][] concat(List<double[][]> blocks) {
        return blocks.stream().flatMap(java.util.Arrays::stream).toArray(double[][]::new);
    }

    /** At most {@link #MAX_FIT_WINDOWS} rows, evenly spread. */
    private static double[][] thin(double[][] rows) {
        if (rows.length <= MAX_FIT_WINDOWS) {
            return rows;
        }
        double[][] out = new double[MAX_FIT_WINDOWS][];
        for (int i = 0; i < MAX_FIT_WINDOWS; i++) {
            out[i] = rows[(int) ((long) i * rows.length / MAX_FIT_WINDOWS)];
        }
        return out;
    }
}
