package org.triax.train;

/**
 * Stops a training run between two batches: a {@link TrainingListener} throws it from
 * {@link TrainingListener#batch} (or {@link TrainingListener#epoch}) when the run was cancelled.
 * The design being trained is then not written (model files are written only after training,
 * each atomically), its native memory is freed, and {@link TrainJob#run} rethrows it; models of
 * designs finished before stay, complete. Not a user error: callers report it as cancelled.
 */
public class TrainingCancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrainingCancelledException(String message) {
        super(message);
    }
}
