package org.triax.predict;

import java.util.List;

/**
 * The model's answer for one recording.
 *
 * @param predicted class with the highest mean window probability
 * @param probability that mean probability
 * @param meanProbabilities mean probability of each class over the windows
 * @param windowShare share of windows whose most likely class is each class
 */
public record Verdict(String recording, String predicted, double probability, int windows,
                      List<String> classes, double[] meanProbabilities, double[] windowShare) {
}
