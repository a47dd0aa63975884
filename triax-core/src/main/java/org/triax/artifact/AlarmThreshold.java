package org.triax.artifact;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.triax.TriaxException;

/**
 * The alarm threshold of a detector: the held-out normal window score that lies above the
 * {@code (1 - falseAlarm)} quantile of normal scores with {@link #CONFIDENCE} confidence. It is the
 * k-th smallest of the n held-out scores, k the smallest rank with
 * {@code P(Binomial(n, 1 - falseAlarm) < k) >= CONFIDENCE}: distribution-free (no shape assumed
 * for the scores), so a new normal window exceeds it with probability at most {@code falseAlarm},
 * 95 times out of 100. With few held-out windows the bound is a high rank (conservative); with
 * fewer than {@link #needed} no rank is high enough and the threshold cannot be set at all.
 *
 * @param value the threshold score
 * @param falseAlarm the target share of normal windows above it
 * @param heldOut held-out normal windows it was set from
 * @param rank 1-based rank of {@code value} among them
 * @param quantile the plain empirical {@code (1 - falseAlarm)} quantile, for comparison
 */
public record AlarmThreshold(double value, double falseAlarm, int heldOut, int rank, double quantile) {

    /**
     * Confidence that the threshold is above the normal quantile: the usual 95 %, so that one
     * baseline in twenty has a false-alarm rate above the target, none far above it.
     */
    public static final double CONFIDENCE = 0.95;

    /**
     * Held-out windows needed for a rate: the largest of n scores is above the (1 - rate) quantile
     * with probability {@code 1 - (1 - rate)^n}, at least {@link #CONFIDENCE} from
     * {@code n = ln(1 - CONFIDENCE) / ln(1 - rate)} on (299 for 1 %, 59 for 5 %).
     */
    public static int needed(double falseAlarm) {
        return (int) Math.ceil(Math.log(1 - CONFIDENCE) / Math.log1p(-falseAlarm) - 1e-9);
    }

    /** The smallest false-alarm rate {@code n} held-out windows can support. */
    public static double smallestRate(int n) {
        return 1 - Math.pow(1 - CONFIDENCE, 1.0 / n);
    }

    /**
     * @param scores held-out normal window scores
     * @param source the held-out data in words, for the error message
     */
    public static AlarmThreshold fit(double[] scores, double falseAlarm, String source) {
        requireEnough(scores.length, falseAlarm, source);
        int n = scores.length;
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        int below = new BinomialDistribution(null, n, 1 - falseAlarm).inverseCumulativeProbability(CONFIDENCE);
        int rank = Math.min(n, below + 1);
        double quantile = sorted[Math.min(n - 1, (int) Math.ceil((1 - falseAlarm) * n) - 1)];
        return new AlarmThreshold(sorted[rank - 1], falseAlarm, n, rank, quantile);
    }

    /** The clear error when {@code n} held-out windows cannot set a threshold for the rate. */
    public static void requireEnough(int n, double falseAlarm, String source) {
        checkRate(falseAlarm);
        if (n < needed(falseAlarm)) {
            throw new TriaxException(String.format(Locale.ROOT, "%s: %d held-out normal windows cannot set a %s false-alarm "
                            + "threshold: it needs at least %d (%.0f %% confidence); give more normal recordings, a smaller "
                            + "--hop, or --false-alarm %s or more", source, n, percent(falseAlarm), needed(falseAlarm),
                    100 * CONFIDENCE, percent(Math.ceil(smallestRate(n) * 1000) / 1000)));
        }
    }

    /**
     * A recording's (or snapshot's) score: the median of its window scores, so that its typical
     * window, not its most extreme one, is compared with the threshold of single windows.
     */
    public static double recordingScore(double[] windowScores) {
        double[] s = windowScores.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** The health index of a score: score / threshold (above 1: above the threshold). */
    public double index(double score) {
        return score / value;
    }

    public static void checkRate(double falseAlarm) {
        if (!(falseAlarm > 0 && falseAlarm < 0.5)) {
            throw new TriaxException("--false-alarm must be above 0 and below 50 %, got " + percent(falseAlarm));
        }
    }

    /** 0.01 as "1%", 0.025 as "2.5%". */
    public static String percent(double rate) {
        String s = String.format(Locale.ROOT, "%.3f", 100 * rate).replaceAll("0+$", "").replaceAll("\\.$", "");
        return s + "%";
    }
}
