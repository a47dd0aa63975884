package org.triax.artifact;

/** What one epoch did: mean training loss/accuracy and validation loss/accuracy (accuracy in 0..1). */
public record EpochStats(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                         double validationAccuracy, double seconds) {
}
