package org.triax.artifact;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A classifier's unknown-state check, saved with it: for every training class the cloud of its
 * training windows' condition-indicator vectors ({@link NormalCloud}) and a threshold on the
 * distance to that cloud, set from the class's held-out (validation) windows at {@code falseAlarm}
 * like an alarm threshold ({@link AlarmThreshold}). A window's score is its distance to the nearest
 * class in units of that class's threshold; a recording's score is the median over its windows
 * ({@link AlarmThreshold#recordingScore}), and a recording scoring above 1 is unlike every class
 * the model knows: its verdict is {@link #UNKNOWN}, not a confident wrong class. The indicators
 * describe the vibration itself (level, impulsiveness, spectrum), not the network's view of it,
 * so the check holds whatever the network does on data it has never seen.
 *
 * @param bands frequency bands per channel of the indicator vector
 * @param falseAlarm the target share of a class's windows above its threshold (a class with few
 *     validation windows gets the coarser rate they support, in its threshold)
 * @param features names of the vector's entries
 * @param classes one cloud per class, in the model's class order
 * @param testRecordings test recordings checked at training time
 * @param testUnknown how many of them the check called unknown (each a false alarm)
 */
public record UnknownState(int bands, List<String> features, double falseAlarm, List<ClassCloud> classes,
                           int testRecordings, int testUnknown) {
    /** The verdict of a recording unlike every training class. */
    public static final String UNKNOWN = "unknown";
    /** Features named in the reason: the few that differ most from the nearest class. */
    static final int REASON_FEATURES = 2;

    /** One class's cloud and its distance threshold. */
    public record ClassCloud(String label, NormalCloud cloud, AlarmThreshold threshold) {
    }

    /** A window's distance to the nearest class, in units of that class's threshold. */
    public double windowScore(double[] vector) {
        double best = Double.POSITIVE_INFINITY;
        for (ClassCloud c : classes) {
            best = Math.min(best, c.cloud().distance(vector) / c.threshold().value());
        }
        return best;
    }

    /** The check of one recording. */
    public record Check(double score, String nearest, String reason) {
        public boolean unknown() {
            return reason != null;
        }
    }

    /** Checks a recording from its windows' indicator vectors (at least one). */
    public Check check(double[][] vectors) {
        Checker c = checker(vectors.length);
        for (double[] v : vectors) {
            c.add(v);
        }
        return c.check();
    }

    /** The check of a recording of {@code windows} windows whose vectors come one at a time (a streamed recording). */
    public Checker checker(int windows) {
        return new Checker(windows);
    }

    /** {@link #check} with the vectors added one by one: 8 bytes per window are kept, for the median. */
    public final class Checker {
        private final double[] scores;
        private final double[] mean = new double[features.size()];
        private int added;

        private Checker(int windows) {
            scores = new double[windows];
        }

        public void add(double[] vector) {
            scores[added++] = windowScore(vector);
            for (int j = 0; j < mean.length; j++) {
                mean[j] += vector[j] / scores.length;
            }
        }

        public Check check() {
            if (added != scores.length) {
                throw new IllegalStateException(added + " of " + scores.length + " windows checked");
            }
            double score = AlarmThreshold.recordingScore(scores);
            ClassCloud nearest = classes.stream()
                    .min(Comparator.comparingDouble(c -> c.cloud().distance(mean) / c.threshold().value())).orElseThrow();
            if (score <= 1) {
                return new Check(score, nearest.label(), null);
            }
            return new Check(score, nearest.label(), String.format(Locale.ROOT,
                    "unlike every training class: its windows lie %.1fx as far from the nearest class (%s) as %s of that "
                            + "class's held-out windows; most different: %s", score, nearest.label(),
                    AlarmThreshold.percent(1 - nearest.threshold().falseAlarm()), mostDifferent(nearest.cloud(), mean)));
        }
    }

    /** The features of {@code x} furthest from the cloud's mean, in its standard deviations. */
    private String mostDifferent(NormalCloud cloud, double[] x) {
        List<Integer> idx = new ArrayList<>();
        for (int j = 0; j < x.length; j++) {
            idx.add(j);
        }
        idx.sort(Comparator.comparingDouble(j -> -Math.abs(z(cloud, x, j))));
        List<String> parts = new ArrayList<>();
        for (int j : idx.subList(0, Math.min(REASON_FEATURES, idx.size()))) {
            parts.add(String.format(Locale.ROOT, "%s %+.1f sd", features.get(j), z(cloud, x, j)));
        }
        return String.join(", ", parts);
    }

    private static double z(NormalCloud cloud, double[] x, int j) {
        return (x[j] - cloud.mean()[j]) / cloud.scale()[j];
    }
}
