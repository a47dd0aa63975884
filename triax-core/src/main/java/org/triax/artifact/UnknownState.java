package org.triax.artifact;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A classifier's unknown-state check, saved with it: for every training class the cloud of its
 * training windows' condition-indicator vectors ({@link NormalCloud}) and a threshold on the
 * distance to that cloud, set from windows held out from the cloud at {@code falseAlarm} like an
 * alarm threshold ({@link AlarmThreshold}). A window's score is its distance to the nearest class
 * in units of that class's threshold; a recording most of whose windows score above 1 (its median
 * window) is unlike every class the model knows: its verdict is {@link #UNKNOWN}, not a confident
 * wrong class. The indicators
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

    /**
     * The check of one recording.
     *
     * @param share share of its windows beyond the threshold of every class (unknown above one half:
     *     its median window is unlike every class, so a few transients do not count)
     * @param distance typical window score: the geometric mean of the windows' distances to the
     *     nearest class in units of that class's threshold
     * @param nearest the class nearest to the recording's mean indicator vector
     * @param reason why the recording is unknown (null when it is not)
     */
    public record Check(double share, double distance, String nearest, String reason) {
        public boolean unknown() {
            return reason != null;
        }
    }

    /** Checks a recording from its windows' indicator vectors (at least one). */
    public Check check(double[][] vectors) {
        Accumulator a = accumulator();
        for (double[] v : vectors) {
            a.add(v);
        }
        return a.check();
    }

    public Accumulator accumulator() {
        return new Accumulator();
    }

    /**
     * The check window by window, in constant memory (counts and sums), for recordings too long
     * to hold; it decides exactly as {@link #check(double[][])}.
     */
    public final class Accumulator {
        private final double[] sum = new double[features.size()];
        private long windows;
        private long beyond;
        private double logScores;

        public void add(double[] vector) {
            double s = windowScore(vector);
            windows++;
            beyond += s > 1 ? 1 : 0;
            logScores += Math.log(Math.max(s, 1e-300));
            for (int j = 0; j < sum.length; j++) {
                sum[j] += vector[j];
            }
        }

        public long windows() {
            return windows;
        }

        public Check check() {
            if (windows == 0) {
                throw new IllegalStateException("the unknown-state check needs at least one window");
            }
            double[] mean = new double[sum.length];
            for (int j = 0; j < mean.length; j++) {
                mean[j] = sum[j] / windows;
            }
            double share = (double) beyond / windows;
            double distance = Math.exp(logScores / windows);
            ClassCloud nearest = classes.stream()
                    .min(Comparator.comparingDouble(c -> c.cloud().distance(mean) / c.threshold().value())).orElseThrow();
            if (2 * beyond <= windows) {
                return new Check(share, distance, nearest.label(), null);
            }
            return new Check(share, distance, nearest.label(), String.format(Locale.ROOT,
                    "unlike every training class: %.0f%% of its windows lie beyond the threshold of every class, "
                            + "typically %.1fx as far from the nearest (%s) as %s of that class's held-out windows; "
                            + "most different: %s", 100 * share, distance, nearest.label(),
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
