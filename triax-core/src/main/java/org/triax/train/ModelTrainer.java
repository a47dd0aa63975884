package org.triax.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.triax.artifact.EpochStats;
import org.triax.artifact.Metrics;
import org.triax.artifact.TrainConfig;
import org.triax.artifact.VerdictRule;
import org.triax.dataset.PreparedDataset;
import org.triax.dataset.Shuffle;
import org.triax.dataset.TrainingSets;
import org.triax.dataset.TrainingWindows;
import org.triax.dataset.WindowSet;
import org.triax.model.BatchInput;
import org.triax.model.Design;
import org.triax.model.NetworkSpec;
import org.triax.model.TriaxNetwork;
import org.triax.signal.Preprocessing;

/**
 * Trains one design on a prepared (already normalised) dataset: Adam ({@link ResumableAdam}),
 * mini-batches shuffled by the seed, validation after every epoch, the best validation epoch's weights kept. The training
 * windows may be redrawn every epoch ({@link TrainingWindows}, augmentation); validation and test
 * are always the prepared sets.
 */
public final class ModelTrainer {
    /** Batch size for inference passes (validation, test, prediction). */
    public static final int EVAL_BATCH = 32;

    private ModelTrainer() {
    }

    /** Trains on {@code data}'s prepared training set every epoch (no augmentation). */
    public static TrainingResult train(PreparedDataset data, Design design, TrainConfig cfg, TrainingListener listener) {
        return train(data, TrainingWindows.fixed(data.train()), design, cfg, listener);
    }

    /** Trains on the windows {@code windows} gives each epoch (same labels and order as {@code data.train()}). */
    public static TrainingResult train(PreparedDataset data, TrainingWindows windows, Design design, TrainConfig cfg,
                                       TrainingListener listener) {
        return train(data.preprocessing(), data.index().classes().size(), data.train(), windows, data.validation(),
                data.test(), design, cfg, EpochCheckpoints.NONE, listener);
    }

    /**
     * Trains on {@code sets} (in memory or mapped from the cache) with the training windows
     * {@code windows} gives each epoch, saving a checkpoint after every epoch and starting from
     * the one {@code checkpoints} resumes from, if any.
     */
    static TrainingResult train(TrainingSets sets, TrainingWindows windows, Design design, TrainConfig cfg,
                                EpochCheckpoints checkpoints, TrainingListener listener) {
        return train(sets.preprocessing(), sets.classes(), sets.train(), windows, sets.validation(), sets.test(), design,
                cfg, checkpoints, listener);
    }

    /** @param train the prepared training set (labels and order of every epoch's windows) */
    private static TrainingResult train(Preprocessing pre, int classes, WindowSet train, TrainingWindows windows,
                                        WindowSet validation, WindowSet test, Design design, TrainConfig cfg,
                                        EpochCheckpoints checkpoints, TrainingListener listener) {
        NetworkSpec spec = NetworkSpec.of(design, pre.channelCount(), pre.bins(), pre.frames(), classes);
        float[] weights = lossWeights(cfg, train.labels(), classes);
        TrainingState resumed = checkpoints.resumeFrom();
        Engine.getInstance().setRandomSeed(Long.hashCode(cfg.seed()));
        TriaxNetwork net = TriaxNetwork.create(spec);
        try {
            ResumableAdam adam = new ResumableAdam(cfg.learningRate());
            DefaultTrainingConfig tc = new DefaultTrainingConfig(new WeightedCrossEntropy(weights))
                    .optOptimizer(adam)
                    .optDevices(new Device[] {TriaxNetwork.defaultDevice()});
            long t0 = System.nanoTime();
            double before = 0;
            List<EpochStats> history = new ArrayList<>();
            byte[] best = null;
            int bestEpoch = 0;
            int done = 0;
            if (resumed != null) {
                // the weights go in before the trainer exists: it then keeps them and marks them for gradients
                net.model().getBlock().initialize(net.model().getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32,
                        org.triax.model.Networks.inputShape(spec, cfg.batchSize()));
                net.setParameters(resumed.weights());
                history.addAll(resumed.history());
                best = resumed.best();
                bestEpoch = resumed.bestEpoch();
                done = resumed.epoch();
                before = resumed.seconds();
            }
            try (Trainer trainer = net.model().newTrainer(tc)) {
                trainer.initialize(org.triax.model.Networks.inputShape(spec, cfg.batchSize()));
                if (resumed != null) {
                    adam.restore(resumed.adamSteps(), resumed.moments(), net.model().getBlock().getParameters());
                }
                Random shuffle = new Random(cfg.seed());
                for (int e = 1; e <= done; e++) {
                    Shuffle.permutation(train.size(), shuffle); // the orders the completed epochs drew
                }
                BatchInput batchInput = new BatchInput(spec, cfg.batchSize());
                for (int epoch = done + 1; epoch <= cfg.epochs(); epoch++) {
                    long e0 = System.nanoTime();
                    // dropout draws from the engine's generator, whose state no API saves: reseed it per epoch
                    Engine.getInstance().setRandomSeed(Long.hashCode(cfg.seed() * 0x9E3779B97F4A7C15L + epoch));
                    double[] trainLossAcc = runEpoch(trainer, batchInput, windows.epoch(epoch), cfg, shuffle, epoch,
                            listener);
                    double[] valLossAcc = lossAndAccuracy(net, validation);
                    EpochStats s = new EpochStats(epoch, trainLossAcc[0], trainLossAcc[1], valLossAcc[0], valLossAcc[1],
                            (System.nanoTime() - e0) / 1e9);
                    boolean improved = best == null || better(s, history.get(bestEpoch - 1));
                    history.add(s);
                    byte[] now = net.parameters();
                    if (improved) {
                        best = now;
                        bestEpoch = epoch;
                    }
                    if (checkpoints != EpochCheckpoints.NONE) {
                        checkpoints.completed(new TrainingState(epoch, now, best, bestEpoch, List.copyOf(history),
                                adam.steps(), adam.moments(net.model().getBlock().getParameters()),
                                before + (System.nanoTime() - t0) / 1e9));
                    }
                    listener.epoch(s, cfg.epochs(), improved);
                }
            }
            net.setParameters(best);
            double seconds = before + (System.nanoTime() - t0) / 1e9;
            return new TrainingResult(net, List.copyOf(history), bestEpoch,
                    evaluate(net, validation, classes), evaluate(net, test, classes), seconds);
        } catch (RuntimeException e) {
            net.close();
            throw e;
        }
    }

    /**
     * Per-class loss weights of a run: with {@code --class-weights} N / (K * n_c) over the training
     * windows' labels, else 1 for every class (package-private: ClassWeightsTest).
     */
    static float[] lossWeights(TrainConfig cfg, int[] trainLabels, int classes) {
        if (cfg.classWeights()) {
            return WeightedCrossEntropy.balanced(trainLabels, classes);
        }
        float[] weights = new float[classes];
        Arrays.fill(weights, 1f);
        return weights;
    }

    /** Higher validation accuracy wins; on a tie, lower validation loss (package-private: BestEpochTest). */
    static boolean better(EpochStats s, EpochStats best) {
        return s.validationAccuracy() > best.validationAccuracy()
                || (s.validationAccuracy() == best.validationAccuracy() && s.validationLoss() < best.validationLoss());
    }

    private static double[] runEpoch(Trainer trainer, BatchInput batchInput, WindowSet set, TrainConfig cfg,
                                     Random shuffle, int epoch, TrainingListener listener) {
        int n = set.size();
        int[] order = Shuffle.permutation(n, shuffle);
        int batches = (n + cfg.batchSize() - 1) / cfg.batchSize();
        double lossSum = 0;
        int correct = 0;
        for (int b = 0; b < batches; b++) {
            int from = b * cfg.batchSize();
            int len = Math.min(cfg.batchSize(), n - from);
            int[] y = new int[len];
            batchInput.clear();
            for (int i = 0; i < len; i++) {
                batchInput.add(set.window(order[from + i]));
                y[i] = set.labels()[order[from + i]];
            }
            try (NDManager m = trainer.getManager().newSubManager()) {
                NDArray input = batchInput.toArray(m);
                NDArray labels = m.create(y);
                NDArray logits;
                NDArray loss;
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    logits = trainer.forward(new NDList(input)).singletonOrThrow();
                    loss = trainer.getLoss().evaluate(new NDList(labels), new NDList(logits));
                    gc.backward(loss);
                }
                trainer.step();
                lossSum += loss.getFloat() * len;
                long[] pred = logits.argMax(1).toLongArray();
                for (int i = 0; i < len; i++) {
                    if (pred[i] == y[i]) {
                        correct++;
                    }
                }
            }
            listener.batch(epoch, cfg.epochs(), b + 1, batches, lossSum / (from + len));
        }
        return new double[] {lossSum / n, (double) correct / n};
    }


    /** Mean cross-entropy and accuracy of a set, in inference mode. */
    static double[] lossAndAccuracy(TriaxNetwork net, WindowSet set) {
        float[][] p = net.probabilities(set::window, set.size(), EVAL_BATCH);
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < p.length; i++) {
            int y = set.labels()[i];
            loss -= Math.log(Math.max(p[i][y], 1e-12f));
            if (VerdictRule.argmax(p[i]) == y) {
                correct++;
            }
        }
        return new double[] {loss / Math.max(1, p.length), (double) correct / Math.max(1, p.length)};
    }

    public static Metrics evaluate(TriaxNetwork net, WindowSet set, int classes) {
        float[][] p = net.probabilities(set::window, set.size(), EVAL_BATCH);
        int[] pred = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            pred[i] = VerdictRule.argmax(p[i]);
        }
        return Metrics.of(set.labels(), pred, classes);
    }
}
