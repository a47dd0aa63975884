package org.triax.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.triax.model.Design;
import org.triax.model.NetworkSpec;
import org.triax.model.Networks;
import org.triax.model.TriaxNetwork;

/**
 * DJL's Adam keeps its moments private, so triax trains with {@link ResumableAdam}, whose state a
 * checkpoint carries: it must step exactly as DJL's Adam (the same weights, bit for bit), and a
 * fresh optimizer given the saved state must continue exactly as the uninterrupted one.
 */
class ResumableAdamTest {
    static final NetworkSpec SPEC = new NetworkSpec(Design.FUSED, 2, 8, 8, 3, List.of(4), 8, 0f);
    static final int BATCH = 4;
    static final int STEPS = 6;
    static final float LR = 1e-2f;

    /** Weights and optimizer state after some steps. */
    record After(byte[] weights, int steps, Map<String, ResumableAdam.Moments> moments) {
    }

    private static NDList batch(NDManager m, int step) {
        Random r = new Random(100 + step);
        float[] x = new float[BATCH * 2 * 8 * 8];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        int[] y = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            y[i] = r.nextInt(3);
        }
        return new NDList(m.create(x, Networks.inputShape(SPEC, BATCH)), m.create(y));
    }

    /**
     * Steps {@code from..to-1} of {@code optimizer}, from the seeded initial weights or from
     * {@code start}; {@code restore} gets the network once the trainer exists.
     */
    private static After run(Optimizer optimizer, byte[] start, Consumer<TriaxNetwork> restore, int from, int to) {
        Engine.getInstance().setRandomSeed(9);
        try (TriaxNetwork net = TriaxNetwork.create(SPEC)) {
            if (start != null) {
                net.model().getBlock().initialize(net.model().getNDManager(), DataType.FLOAT32,
                        Networks.inputShape(SPEC, BATCH));
                net.setParameters(start);
            }
            DefaultTrainingConfig tc = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(optimizer)
                    .optDevices(new Device[] {TriaxNetwork.defaultDevice()});
            try (Trainer trainer = net.model().newTrainer(tc)) {
                trainer.initialize(Networks.inputShape(SPEC, BATCH));
                restore.accept(net);
                for (int s = from; s < to; s++) {
                    try (NDManager m = trainer.getManager().newSubManager()) {
                        NDList xy = batch(m, s);
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDArray logits = trainer.forward(new NDList(xy.get(0))).singletonOrThrow();
                            gc.backward(trainer.getLoss().evaluate(new NDList(xy.get(1)), new NDList(logits)));
                        }
                        trainer.step();
                    }
                }
                if (optimizer instanceof ResumableAdam a) {
                    return new After(net.parameters(), a.steps(), a.moments(net.model().getBlock().getParameters()));
                }
                return new After(net.parameters(), 0, Map.of());
            }
        }
    }

    @Test
    void stepsExactlyAsDjlsAdam() {
        After djl = run(Optimizer.adam().optLearningRateTracker(Tracker.fixed(LR)).build(), null, n -> { }, 0, STEPS);
        After ours = run(new ResumableAdam(LR), null, n -> { }, 0, STEPS);
        After initial = run(new ResumableAdam(LR), null, n -> { }, 0, 0);
        assertFalse(Arrays.equals(initial.weights(), ours.weights()), "the steps changed the weights");
        assertArrayEquals(djl.weights(), ours.weights());
    }

    @Test
    void aRestoredStateContinuesExactly() {
        After straight = run(new ResumableAdam(LR), null, n -> { }, 0, STEPS);
        After half = run(new ResumableAdam(LR), null, n -> { }, 0, STEPS / 2);
        ResumableAdam fresh = new ResumableAdam(LR);
        After resumed = run(fresh, half.weights(),
                n -> fresh.restore(half.steps(), half.moments(), n.model().getBlock().getParameters()), STEPS / 2, STEPS);
        assertArrayEquals(straight.weights(), resumed.weights());
    }
}
