package org.triax.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * A {@link SequentialBlock} that frees each intermediate result as soon as the next child has
 * consumed it, instead of when the batch's manager closes.
 *
 * <p>Why: DJL keeps every intermediate array of a forward pass alive until the end of the step,
 * while PyTorch frees those autograd does not need (a batch-norm output, once the ReLU has read
 * it). Closing the handle early is safe: autograd holds its own reference to what backward needs.
 * Same children and parameters as a plain sequential block, so saved weights are unchanged.
 *
 * <p>It also checks its initialisation once: DJL's check rebuilds the parameter list of the whole
 * subtree on every forward call of every block.
 */
final class ReleasingSequentialBlock extends SequentialBlock {
    private boolean initialized;
    private boolean channelsLastInput;

    /** Lays its input out channels-last ({@link ChannelsLast}) before the first child reads it. */
    ReleasingSequentialBlock channelsLastInput() {
        channelsLastInput = true;
        return this;
    }

    @Override
    public boolean isInitialized() {
        if (!initialized) {
            initialized = super.isInitialized();
        }
        return initialized;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList current = inputs;
        if (channelsLastInput) {
            NDArray laidOut = ChannelsLast.of(inputs.singletonOrThrow());
            if (laidOut != inputs.get(0)) {
                current = new NDList(laidOut); // a copy of ours: freed once read, as the results below
            }
        }
        for (Block block : getChildren().values()) {
            NDList next = block.forward(parameterStore, current, training, params);
            if (current != inputs) {
                closeUnlessIn(current, next);
            }
            current = next;
        }
        return current;
    }

    /** Closes the arrays of {@code done} that are not passed on in {@code next}. */
    private static void closeUnlessIn(NDList done, NDList next) {
        Set<NDArray> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        kept.addAll(next);
        for (NDArray a : done) {
            if (!kept.contains(a)) {
                a.close();
            }
        }
    }
}
