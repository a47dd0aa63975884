package org.triax.health;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.PrintStream;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.triax.artifact.BaselineConfig;
import org.triax.dataset.Shuffle;
import org.triax.model.Autoencoder;
import org.triax.model.AutoencoderSpec;
import org.triax.model.TriaxNetwork;

/**
 * Trains an {@link Autoencoder} on normal window spectrograms (normalised): Adam, mean squared
 * reconstruction error, mini-batches shuffled by the seed, a fixed number of epochs and the last
 * epoch kept, so that no held-out block has a say before the threshold is set from it.
 */
final class AutoencoderTrainer {
    private AutoencoderTrainer() {
    }

    /** A trained network (caller closes it) and the mean training loss of each epoch. */
    record Trained(Autoencoder network, List<Double> lossPerEpoch, double seconds) {
    }

    static Trained train(AutoencoderSpec spec, float[] data, int count, BaselineConfig cfg, PrintStream log) {
        Engine.getInstance().setRandomSeed(Long.hashCode(cfg.seed()));
        Autoencoder net = Autoencoder.create(spec);
        long t0 = System.nanoTime();
        List<Double> history = new ArrayList<>();
        try {
            DefaultTrainingConfig tc = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(cfg.learningRate())).build())
                    .optDevices(new Device[] {TriaxNetwork.defaultDevice()});
            int size = spec.inputSize();
            try (Trainer trainer = net.model().newTrainer(tc)) {
                trainer.initialize(Autoencoder.inputShape(spec, Math.min(count, cfg.batchSize())));
                Random shuffle = new Random(cfg.seed());
                float[] batch = new float[cfg.batchSize() * size];
                for (int epoch = 1; epoch <= cfg.epochs(); epoch++) {
                    int[] order = Shuffle.permutation(count, shuffle);
                    double sum = 0;
                    for (int from = 0; from < count; from += cfg.batchSize()) {
                        int n = Math.min(cfg.batchSize(), count - from);
                        for (int i = 0; i < n; i++) {
                            System.arraycopy(data, order[from + i] * size, batch, i * size, size);
                        }
                        try (NDManager m = trainer.getManager().newSubManager()) {
                            NDArray x = m.create(FloatBuffer.wrap(batch, 0, n * size), Autoencoder.inputShape(spec, n));
                            NDArray target = Autoencoder.crop(x, spec);
                            NDArray loss;
                            try (GradientCollector gc = trainer.newGradientCollector()) {
                                NDArray y = trainer.forward(new NDList(x)).singletonOrThrow();
                                loss = trainer.getLoss().evaluate(new NDList(target), new NDList(y));
                                gc.backward(loss);
                            }
                            trainer.step();
                            sum += loss.getFloat() * n;
                        }
                    }
                    history.add(sum / count);
                    log.printf(Locale.ROOT, "autoencoder epoch %d/%d: training loss %.4f%n", epoch, cfg.epochs(), sum / count);
                }
            }
            return new Trained(net, List.copyOf(history), (System.nanoTime() - t0) / 1e9);
        } catch (RuntimeException e) {
            net.close();
            throw e;
        }
    }

}
