package org.triax.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds both designs from one conv block (3x3 conv, batch norm, 2x2 max-pool, ReLU), one feature
 * stage (global average pool, flatten) and one head (dense, ReLU, dropout, dense to class logits).
 *
 * <ul>
 * <li>fused: {@code [conv blocks on the C-channel image], features, head};</li>
 * <li>separate: {@code [ParallelBlock of C branches, each: take channel g, conv blocks on one
 * channel, features; joined by concatenation], head}.</li>
 * </ul>
 * The separate branches are real 1-channel sub-networks rather than one grouped convolution
 * ({@code groups = C}, the same maths): libtorch's CPU kernels run a grouped convolution 4x slower
 * than the C plain ones (measured in training, DJL 0.36 / PyTorch 2.7.1). The ONNX export writes
 * them back as grouped convolutions, where ONNX Runtime is fast.
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
        SequentialBlock net = new ReleasingSequentialBlock();
        if (spec.design() == Design.SEPARATE) {
            List<Block> branches = new ArrayList<>();
            for (int g = 0; g < spec.channels(); g++) {
                SequentialBlock branch = new ReleasingSequentialBlock().add(channel(g));
                addTrunk(branch, spec);
                branches.add(branch);
            }
            net.add(new Branches(Networks::concatenate, branches));
        } else {
            addTrunk(net, spec);
        }
        return net.add(Linear.builder().setUnits(spec.dense()).build())
                .add(Activation.reluBlock())
                .add(Dropout.builder().optRate(spec.dropout()).build())
                .add(Linear.builder().setUnits(spec.classes()).build());
    }

    /** Conv blocks, then global average pooling and flattening to one feature vector per window. */
    private static void addTrunk(SequentialBlock block, NetworkSpec spec) {
        for (int i = 0; i < spec.widths().size(); i++) {
            ReleasingSequentialBlock conv = convBlock(spec.widths().get(i));
            block.add(i == 0 ? conv.channelsLastInput() : conv); // the later blocks keep the layout
        }
        block.add(Pool.globalAvgPool2dBlock()).add(Blocks.batchFlattenBlock());
    }

    /** Channel g of the input as a 1-channel image (a view: the trunk's first block copies it channels-last). */
    private static Block channel(int g) {
        return new LambdaBlock(x -> new NDList(x.singletonOrThrow().get(new NDIndex(":, {}:{}", g, g + 1))), "channel" + g);
    }

    private static NDList concatenate(List<NDList> features) {
        return new NDList(NDArrays.concat(new NDList(features.stream().map(NDList::singletonOrThrow)
                .toArray(NDArray[]::new)), 1));
    }

    /**
     * 3x3 conv, batch norm, then 2x2 max-pool and ReLU: the same function as ReLU then max-pool
     * (both are exact and order-preserving, so {@code max(relu(x)) == relu(max(x))}, gradients
     * included), but the ReLU runs on a quarter of the values. Measured: ReLU and max-pool were the
     * two slowest kernels of a training step after the convolutions.
     */
    private static ReleasingSequentialBlock convBlock(int filters) {
        ReleasingSequentialBlock block = new ReleasingSequentialBlock();
        block.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                        .setFilters(filters).build())
                .add(BatchNorm.builder().optEpsilon(BATCH_NORM_EPSILON).build())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Activation.reluBlock());
        return block;
    }
}
