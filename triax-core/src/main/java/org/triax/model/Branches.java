package org.triax.model;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import java.util.List;
import java.util.function.Function;

/**
 * The separate design's per-channel branches: a {@link ParallelBlock} that checks its
 * initialisation once (DJL's check rebuilds the parameter list of every branch on each call).
 */
final class Branches extends ParallelBlock {
    private boolean initialized;

    Branches(Function<List<NDList>, NDList> join, List<Block> branches) {
        super(join, branches);
    }

    @Override
    public boolean isInitialized() {
        if (!initialized) {
            initialized = super.isInitialized();
        }
        return initialized;
    }
}
