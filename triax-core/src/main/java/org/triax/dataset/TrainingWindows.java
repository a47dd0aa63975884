package org.triax.dataset;

/**
 * The training windows of each epoch: the one prepared set every epoch, or a set redrawn per
 * epoch with random perturbations ({@link Augmenter}). Labels and order never change.
 */
@FunctionalInterface
public interface TrainingWindows {
    /** The normalised training windows of epoch {@code epoch} (1-based). */
    WindowSet epoch(int epoch);

    static TrainingWindows fixed(WindowSet set) {
        return epoch -> set;
    }
}
