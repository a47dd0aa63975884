package org.triax.artifact;

/**
 * How a classifier's window probabilities become one recording's verdict: the class with the
 * highest mean probability over the windows (ties: the first class). {@code predict},
 * {@code evaluate} and every other scorer decide with this one rule.
 */
public final class VerdictRule {

    /**
     * @param meanProbabilities mean probability of each class over the windows
     * @param windowShare share of windows whose most likely class is each class
     * @param predicted the class with the highest mean probability
     */
    public record Decision(double[] meanProbabilities, double[] windowShare, int predicted) {
        public double probability() {
            return meanProbabilities[predicted];
        }
    }

    private VerdictRule() {
    }

    /** The decision over {@code windows} (rows of {@code classes} probabilities; at least one row). */
    public static Decision decide(float[][] windows, int classes) {
        if (windows.length == 0) {
            throw new IllegalArgumentException("a verdict needs at least one window");
        }
        double[] mean = new double[classes];
        int[] votes = new int[classes];
        for (float[] row : windows) {
            for (int c = 0; c < classes; c++) {
                mean[c] += row[c];
            }
            votes[argmax(row)]++;
        }
        // divide once at the end: summing 1/n n times does not give exactly 1
        double[] share = new double[classes];
        for (int c = 0; c < classes; c++) {
            mean[c] /= windows.length;
            share[c] = (double) votes[c] / windows.length;
        }
        return new Decision(mean, share, argmax(mean));
    }

    /** Index of the largest value (the first one on a tie); per window, so no widening copy. */
    public static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Index of the largest value (the first one on a tie). */
    public static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
