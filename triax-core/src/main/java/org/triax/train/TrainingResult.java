package org.triax.train;

import java.util.List;
import org.triax.artifact.EpochStats;
import org.triax.artifact.Metrics;
import org.triax.model.TriaxNetwork;

/**
 * A trained network (weights of its best validation epoch) with how it got there and how well it
 * does on validation and test windows. Owns the network: close it.
 */
public record TrainingResult(TriaxNetwork network, List<EpochStats> history, int bestEpoch,
                             Metrics validation, Metrics test, double trainSeconds) implements AutoCloseable {

    @Override
    public void close() {
        network.close();
    }
}
