package org.triax.train;

import org.triax.artifact.EpochStats;

/**
 * Progress of a training run, for progress bars and logs, and notes on the data. A listener stops
 * the run by throwing {@link TrainingCancelledException} from {@code batch} (called after every
 * batch) or {@code epoch}.
 */
public interface TrainingListener {
    TrainingListener SILENT = new TrainingListener() {
    };

    default void batch(int epoch, int epochs, int batch, int batches, double runningLoss) {
    }

    default void epoch(EpochStats stats, int epochs, boolean best) {
    }

    /** Something the data readers left out or assumed (a time stamp column, ...), once per dataset. */
    default void note(String line) {
    }
}
