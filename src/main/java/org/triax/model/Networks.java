package org.triax.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;

/**
 * Builds both designs from one conv block (3x3 conv, batch norm, ReLU, 2x2 max-pool) and one head
 * (global average pool, dense, ReLU, dropout, dense to class logits).
 *
 * <p>The separate design's C branches are computed as grouped convolutions with {@code groups = C}:
 * group g's filters see only group g's inputs, so branch g sees only channel g through every
 * layer, and batch norm and pooling act per feature map. That is exactly C independent branches
 * whose features are concatenated before the head, computed in one kernel call instead of C.
 */
public final class Networks {
    /**
     * Batch-norm epsilon (DJL's default, set explicitly so the ONNX export states the same value):
     * inference computes {@code gamma * (x - runningMean) / sqrt(runningVar + epsilon) + beta}.
     */
    public static final float BATCH_NORM_EPSILON = 1e-5f;

    private Networks() {
    }

    /** Input shape for a batch of {@code batch} windows. */
    public static Shape inputShape(NetworkSpec spec, long batch) {
        return new Shape(batch, spec.channels(), spec.bins(), spec.frames());
    }

    public static Block build(NetworkSpec spec) {
        int groups = spec.design() == Design.SEPARATE ? spec.channels() : 1;
        SequentialBlock net = new SequentialBlock();
        for (int width : spec.widths()) {
            net.add(convBlock(width * groups, groups));
        }
        net.add(Pool.globalAvgPool2dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(spec.dense()).build())
                .add(Activation.reluBlock())
                .add(Dropout.builder().optRate(spec.dropout()).build())
                .add(Linear.builder().setUnits(spec.classes()).build());
        return net;
    }

    private static Block convBlock(int filters, int groups) {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                        .setFilters(filters).optGroups(groups).build())
                .add(BatchNorm.builder().optEpsilon(BATCH_NORM_EPSILON).build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)));
    }

    /** Softmax probabilities from logits (the network outputs logits; the loss wants them raw). */
    public static NDList probabilities(NDList logits) {
        return new NDList(logits.singletonOrThrow().softmax(1));
    }
}
