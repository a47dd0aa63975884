package org.triax.predict;

import java.util.List;

/**
 * The model's answer for one recording.
 *
 * @param predicted class with the highest mean window probability
 * @param probability that mean probability
 * @param meanProbabilities mean probability of each class over the windows
 * @param windowShare share of windows whose most likely class is each class
 * @param error why the recording could not be scored (null when it was; the other fields are then empty)
 */
public record Verdict(String recording, String predicted, double probability, int windows,
                      List<String> classes, double[] meanProbabilities, double[] windowShare, String error) {

    public Verdict(String recording, String predicted, double probability, int windows, List<String> classes,
                   double[] meanProbabilities, double[] windowShare) {
        this(recording, predicted, probability, windows, classes, meanProbabilities, windowShare, null);
    }

    /** A recording that could not be scored, and why. */
    public static Verdict failed(String recording, List<String> classes, String error) {
        return new Verdict(recording, null, Double.NaN, 0, classes, new double[0], new double[0], error);
    }

    public boolean ok() {
        return error == null;
    }
}
