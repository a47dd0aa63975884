package org.triax.artifact;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
        Accumulator a = new Accumulator(classes);
        for (float[] row : windows) {
            a.add(row);
        }
        return a.decide();
    }

    /**
     * The same decision with the windows added one at a time, so that a recording too long to hold
     * its windows' probabilities is decided exactly as {@link #decide} decides a short one.
     */
    public static final class Accumulator {
        private final double[] sum;
        private final long[] votes;
        private long windows;

        public Accumulator(int classes) {
            sum = new double[classes];
            votes = new long[classes];
        }

        public void add(float[] row) {
            for (int c = 0; c < sum.length; c++) {
                sum[c] += row[c];
            }
            votes[argmax(row)]++;
            windows++;
        }

        public long windows() {
            return windows;
        }

        public Decision decide() {
            if (windows == 0) {
                throw new IllegalArgumentException("a verdict needs at least one window");
            }
            // divide once at the end: summing 1/n n times does not give exactly 1
            double[] mean = new double[sum.length];
            double[] share = new double[sum.length];
            for (int c = 0; c < sum.length; c++) {
                mean[c] = sum[c] / windows;
                share[c] = (double) votes[c] / windows;
            }
            return new Decision(mean, share, argmax(mean));
        }
    }

    /** How many recordings the rule got right. */
    public record Tally(int correct, int recordings) {
        public double accuracy() {
            return recordings == 0 ? 0 : (double) correct / recordings;
        }
    }

    /**
     * Decides every recording from its windows and counts the right verdicts.
     *
     * @param truth true class of each window (the same for all windows of a recording)
     * @param recordings recording of each window
     */
    public static Tally tally(float[][] windows, int[] truth, int[] recordings, int classes) {
        Map<Integer, List<float[]>> byRecording = new TreeMap<>();
        Map<Integer, Integer> label = new HashMap<>();
        for (int i = 0; i < windows.length; i++) {
            byRecording.computeIfAbsent(recordings[i], k -> new ArrayList<>()).add(windows[i]);
            label.put(recordings[i], truth[i]);
        }
        int right = 0;
        for (Map.Entry<Integer, List<float[]>> e : byRecording.entrySet()) {
            if (decide(e.getValue().toArray(new float[0][]), classes).predicted() == label.get(e.getKey())) {
                right++;
            }
        }
        return new Tally(right, byRecording.size());
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
