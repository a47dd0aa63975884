package org.triax.artifact;

import org.triax.TriaxException;

/**
 * Hyper-parameters of one training run (saved with the model).
 *
 * @param classWeights weight each class's loss by N / (K * n_class) to counter imbalance
 */
public record TrainConfig(int epochs, int batchSize, float learningRate, long seed, boolean classWeights) {

    public static final TrainConfig DEFAULT = new TrainConfig(10, 32, 1e-3f, 42, false);

    public TrainConfig {
        if (epochs <= 0) {
            throw new TriaxException("epochs must be > 0, got " + epochs);
        }
        if (batchSize <= 0) {
            throw new TriaxException("batch size must be > 0, got " + batchSize);
        }
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new TriaxException("learning rate must be > 0, got " + learningRate);
        }
    }
}
