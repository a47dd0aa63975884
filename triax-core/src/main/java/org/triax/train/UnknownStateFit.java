package org.triax.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Locale;
import org.triax.TriaxException;
import org.triax.artifact.AlarmThreshold;
import org.triax.artifact.ModelArtifact;
import org.triax.artifact.NormalCloud;
import org.triax.artifact.UnknownState;
import org.triax.dataset.RecordingSource;
import org.triax.dataset.SplitPlan;
import org.triax.dataset.Subset;
import org.triax.dataset.cache.Companion;
import org.triax.signal.ConditionIndicators;
import org.triax.signal.IndicatorFeatures;
import org.triax.signal.Preprocessing;
import org.triax.signal.Recording;

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

    /** The companion file of a cache entry that holds the check (JSON; {@code null} when it is off). */
    static final String COMPANION = "unknown-state.json";

    /** The check as a cache entry's companion: fitted (printing to {@code log}) while the recordings are read. */
    static Companion companion(PrintStream log) {
        return new Companion() {
            @Override
            public String fileName() {
                return COMPANION;
            }

            @Override
            public byte[] derive(RecordingSource recordings, SplitPlan plan) {
                try {
                    return ModelArtifact.JSON.writeValueAsBytes(fit(recordings, plan, log));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    /** The check from its companion file's bytes; {@code log} (null: silent) gets its test figure. */
    static UnknownState read(byte[] json, PrintStream log) {
        UnknownState u;
        try {
            u = ModelArtifact.JSON.readValue(json, UnknownState.class);
        } catch (IOException e) {
            throw new TriaxException("cache: the entry's " + COMPANION + " is unreadable (" + e.getMessage()
                    + "); delete the entry to prepare it again", e);
        }
        if (log != null) {
            log.println(u == null ? "unknown-state check: off (from the cache entry)" : String.format(Locale.ROOT,
                    "unknown-state check: from the cache entry; test recordings called unknown: %d of %d",
                    u.testUnknown(), u.testRecordings()));
        }
        return u;
    }

    /** The check, or null (with a line in {@code log}) when some class has too few windows to set it. */
    static UnknownState fit(RecordingSource recordings, SplitPlan plan, PrintStream log) {
        Preprocessing pre = recordings.preprocessing();
        int bands = Math.min(ConditionIndicators.DEFAULT_BANDS, Math.max(1, pre.bins() - 1)); // DC is not a band
        IndicatorFeatures features = new IndicatorFeatures(pre, bands);
        Map<SplitPlan.Block, double[][]> vectors = vectors(recordings, plan, features);
        List<String> classes = recordings.index().classes();
        List<UnknownState.ClassCloud> clouds = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            List<double[][]> train = blocks(plan, vectors, Subset.TRAIN, c);
            double[][] fit = thin(concat(train));
            if (fit.length < 2) {
                log.printf("unknown-state check: off (class %s has %d training windows; it needs 2)%n", classes.get(c),
                        fit.length);
                return null;
            }
            NormalCloud cloud = NormalCloud.fit(fit);
            List<Double> heldOut = crossFitted(train);
            for (double[][] v : blocks(plan, vectors, Subset.VALIDATION, c)) {
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
            double[][] v = vectors.get(b);
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

    /** Indicator vectors of every block's windows, one recording in memory at a time. */
    private static Map<SplitPlan.Block, double[][]> vectors(RecordingSource recordings, SplitPlan plan,
                                                            IndicatorFeatures features) {
        Map<Integer, List<SplitPlan.Block>> byRecording = new TreeMap<>();
        for (SplitPlan.Block b : plan.blocks()) {
            byRecording.computeIfAbsent(b.recording(), k -> new ArrayList<>()).add(b);
        }
        Map<SplitPlan.Block, double[][]> out = new HashMap<>();
        byRecording.forEach((r, blocks) -> {
            Recording rec = recordings.recording(r);
            for (SplitPlan.Block b : blocks) {
                out.put(b, features.vectors(rec, recordings.preprocessing().extractor().windowStarts(b.from(), b.to())));
            }
        });
        return out;
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

    /** The vectors of each block of {@code subset} of class {@code label}. */
    private static List<double[][]> blocks(SplitPlan plan, Map<SplitPlan.Block, double[][]> vectors, Subset subset,
                                           int label) {
        List<double[][]> out = new ArrayList<>();
        for (SplitPlan.Block b : plan.blocks(subset)) {
            if (b.label() == label) {
                out.add(vectors.get(b));
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
