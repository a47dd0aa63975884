package org.triax.train;

/** Where a training loop saves its state after every epoch and finds the state to resume from. */
interface EpochCheckpoints {
    EpochCheckpoints NONE = new EpochCheckpoints() {
        @Override
        public TrainingState resumeFrom() {
            return null;
        }

        @Override
        public void completed(TrainingState state) {
        }
    };

    /** The state to continue from, or null to start at epoch 1. */
    TrainingState resumeFrom();

    /** Called after every completed epoch (validation included). */
    void completed(TrainingState state);
}
