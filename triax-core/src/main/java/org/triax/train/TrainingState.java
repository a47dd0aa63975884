package org.triax.train;

import java.util.List;
import java.util.Map;
import org.triax.artifact.EpochStats;

/**
 * Where a training run stands after a completed epoch: everything that decides the rest of the
 * run, so a run resumed from it ends with the weights an uninterrupted run gives. The shuffle
 * order needs no state of its own (epoch e's order is the e-th draw of a generator seeded by the
 * run seed, replayed on resume), nor does dropout (the engine is reseeded from the run seed and
 * the epoch at the start of every epoch).
 *
 * @param epoch the last completed epoch (1-based)
 * @param weights the network's parameters after it (DJL's format, batch-norm statistics included)
 * @param best the parameters of the best validation epoch so far, {@code bestEpoch}
 * @param adamSteps the optimizer's update count
 * @param moments the optimizer's first and second moments by parameter name
 * @param seconds training time so far
 */
record TrainingState(int epoch, byte[] weights, byte[] best, int bestEpoch, List<EpochStats> history, int adamSteps,
                     Map<String, ResumableAdam.Moments> moments, double seconds) {
}
