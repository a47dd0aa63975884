package org.triax.artifact;

import org.triax.TriaxException;
import org.triax.dataset.Augmentation;

/**
 * Hyper-parameters of one training run (saved with the model).
 *
 * @param classWeights weight each class's loss by N / (K * n_class) to counter imbalance
 * @param augmentation perturbations of the training windows (null, as in model files written
 *     before it existed: none)
 */
public record TrainConfig(int epochs, int batchSize, float learningRate, long seed, boolean classWeights,
                          Augmentation augmentation) {

    public static final TrainConfig DEFAULT = new TrainConfig(10, 32, 1e-3f, 42, false);

    public TrainConfig {
        augmentation = augmentation == null ? Augmentation.NONE : augmentation;
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

    /** Without augmentation. */
    public TrainConfig(int epochs, int batchSize, float learningRate, long seed, boolean classWeights) {
        this(epochs, batchSize, learningRate, seed, classWeights, Augmentation.NONE);
    }
}
