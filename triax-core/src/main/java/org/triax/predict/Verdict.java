package org.triax.predict;

import java.util.List;
import org.triax.artifact.UnknownState;

/**
 * The model's answer for one recording.
 *
 * @param meanProbabilities mean probability of each class over the windows
 * @param windowShare share of windows whose most likely class is each class
 * @param predicted class with the highest mean window probability, or {@link UnknownState#UNKNOWN}
 *     when the unknown-state check says the recording is unlike every training class
 * @param probability the highest mean probability (also when the verdict is unknown)
 * @param error why the recording could not be scored (null when it was; the other fields are then empty)
 * @param unknownState the unknown-state check (null: the model has none, or it was turned off)
 */
public record Verdict(String recording, String predicted, double probability, int windows,
                      List<String> classes, double[] meanProbabilities, double[] windowShare, String error,
                      UnknownState.Check unknownState) {

    public Verdict(String recording, String predicted, double probability, int windows, List<String> classes,
                   double[] meanProbabilities, double[] windowShare) {
        this(recording, predicted, probability, windows, classes, meanProbabilities, windowShare, null, null);
    }

    /** A recording that could not be scored, and why. */
    public static Verdict failed(String recording, List<String> classes, String error) {
        return new Verdict(recording, null, Double.NaN, 0, classes, new double[0], new double[0], error, null);
    }

    /** The same verdict under another recording name (an upload's name instead of its temporary file). */
    public Verdict named(String name) {
        return new Verdict(name, predicted, probability, windows, classes, meanProbabilities, windowShare, error,
                unknownState);
    }

    /** Whether the check called the recording unknown. */
    public boolean unknown() {
        return unknownState != null && unknownState.unknown();
    }

    public boolean ok() {
        return error == null;
    }
}
