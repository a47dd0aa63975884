package org.triax.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
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
import org.triax.dataset.SpectrogramSet;
import org.triax.dataset.TrainingWindows;
import org.triax.model.BatchInput;
import org.triax.model.Design;
import org.triax.model.NetworkSpec;
import org.triax.model.TriaxNetwork;
import org.triax.signal.Preprocessing;

/**
 * Trains one design on a prepared (already normalised) dataset: Adam, mini-batches shuffled by
 * the seed, validation after every epoch, the best validation epoch's weights kept. The training
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
        Preprocessing pre = data.preprocessing();
        int classes = data.index().classes().size();
        NetworkSpec spec = NetworkSpec.of(design, pre.channelCount(), pre.bins(), pre.frames(), classes);
        SpectrogramSet train = data.train();
        float[] weights = lossWeights(cfg, train.labels(), classes);
        Engine.getInstance().setRandomSeed(Long.hashCode(cfg.seed()));
        TriaxNetwork net = TriaxNetwork.create(spec);
        try {
            DefaultTrainingConfig tc = new DefaultTrainingConfig(new WeightedCrossEntropy(weights))
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(cfg.learningRate())).build())
                    .optDevices(new Device[] {TriaxNetwork.defaultDevice()});
            long t0 = System.nanoTime();
            List<EpochStats> history = new ArrayList<>();
            byte[] best = null;
            int bestEpoch = 0;
            try (Trainer trainer = net.model().newTrainer(tc)) {
                trainer.initialize(org.triax.model.Networks.inputShape(spec, cfg.batchSize()));
                Random shuffle = new Random(cfg.seed());
                BatchInput batchInput = new BatchInput(spec, cfg.batchSize());
                for (int epoch = 1; epoch <= cfg.epochs(); epoch++) {
                    long e0 = System.nanoTime();
                    double[] trainLossAcc = runEpoch(trainer, batchInput, windows.epoch(epoch), cfg, shuffle, epoch,
                            listener);
                    double[] valLossAcc = lossAndAccuracy(net, data.validation());
                    EpochStats s = new EpochStats(epoch, trainLossAcc[0], trainLossAcc[1], valLossAcc[0], valLossAcc[1],
                            (System.nanoTime() - e0) / 1e9);
                    boolean improved = best == null || better(s, history.get(bestEpoch - 1));
                    history.add(s);
                    if (improved) {
                        best = net.parameters();
                        bestEpoch = epoch;
                    }
                    listener.epoch(s, cfg.epochs(), improved);
                }
            }
            net.setParameters(best);
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new TrainingResult(net, List.copyOf(history), bestEpoch,
                    evaluate(net, data.validation(), classes), evaluate(net, data.test(), classes), seconds);
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

    private static double[] runEpoch(Trainer trainer, BatchInput batchInput, SpectrogramSet set, TrainConfig cfg,
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
                batchInput.add(set.data(), order[from + i]);
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
    static double[] lossAndAccuracy(TriaxNetwork net, SpectrogramSet set) {
        float[][] p = net.probabilities(set.data(), set.size(), EVAL_BATCH);
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

    public static Metrics evaluate(TriaxNetwork net, SpectrogramSet set, int classes) {
        float[][] p = net.probabilities(set.data(), set.size(), EVAL_BATCH);
        int[] pred = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            pred[i] = VerdictRule.argmax(p[i]);
        }
        return Metrics.of(set.labels(), pred, classes);
    }
}
