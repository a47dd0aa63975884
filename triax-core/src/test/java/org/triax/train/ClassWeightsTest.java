package org.triax.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.artifact.TrainConfig;
import org.triax.dataset.DataOptions;
import org.triax.dataset.DatasetLoader;
import org.triax.dataset.Normalization;
import org.triax.dataset.PreparedDataset;
import org.triax.dataset.SplitFractions;
import org.triax.dataset.SplitPlan;
import org.triax.dataset.SplitProtocol;
import org.triax.dataset.Subset;
import org.triax.model.Design;
import org.triax.signal.StftConfig;
import org.triax.signal.WindowFunction;
import org.triax.signal.WindowSpec;
import org.triax.testing.TinyData;
import org.triax.testing.TinyData.Layout;

/**
 * {@code --class-weights}: each class's loss weighted by N / (K * n_class), N and n_class counted
 * over the training windows ({@link WeightedCrossEntropy}, {@link ModelTrainer#lossWeights}). The
 * loss and its gradient against an independent computation on hand-made logits, the weights of a
 * run on imbalanced data, and what the flag does to training.
 */
class ClassWeightsTest {
    /** Read first so that TinyData fixes PyTorch's intra-op threads before the engine starts (see there). */
    private static final List<String> CLASSES = TinyData.CLASSES;
    private static final WindowSpec WINDOW = new WindowSpec(256, 128);
    private static final StftConfig STFT = new StftConfig(32, 16, WindowFunction.HANN, -120, 0, Double.POSITIVE_INFINITY);

    @TempDir
    Path dir;

    // ------------------------------------------------------------------ the loss, numerically

    /** sum_i w[y_i] * -log softmax(z_i)[y_i] / sum_i w[y_i], in double with a max-shifted log-sum-exp. */
    private static double expectedLoss(float[][] logits, int[] y, float[] w) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < y.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (float z : logits[i]) {
                max = Math.max(max, z);
            }
            double sum = 0;
            for (float z : logits[i]) {
                sum += Math.exp(z - max);
            }
            double logP = logits[i][y[i]] - max - Math.log(sum);
            num += w[y[i]] * -logP;
            den += w[y[i]];
        }
        return num / den;
    }

    /** d loss / d z_ik = w[y_i] / sum_j w[y_j] * (softmax(z_i)_k - [k == y_i]). */
    private static double[][] expectedGradient(float[][] logits, int[] y, float[] w) {
        double den = 0;
        for (int label : y) {
            den += w[label];
        }
        double[][] g = new double[y.length][];
        for (int i = 0; i < y.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (float z : logits[i]) {
                max = Math.max(max, z);
            }
            double sum = 0;
            for (float z : logits[i]) {
                sum += Math.exp(z - max);
            }
            g[i] = new double[logits[i].length];
            for (int k = 0; k < logits[i].length; k++) {
                double p = Math.exp(logits[i][k] - max) / sum;
                g[i][k] = w[y[i]] / den * (p - (k == y[i] ? 1 : 0));
            }
        }
        return g;
    }

    /** {loss, gradient row-major} of triax's loss on these logits. */
    private static float[][] triaxLoss(float[][] logits, int[] y, float[] w) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray z = m.create(logits);
            z.setRequiresGradient(true);
            NDArray labels = m.create(y);
            float loss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = new WeightedCrossEntropy(w).evaluate(new NDList(labels), new NDList(z));
                loss = l.getFloat();
                gc.backward(l);
            }
            return new float[][] {{loss}, z.getGradient().toFloatArray()};
        }
    }

    private static void assertLossAndGradient(float[][] logits, int[] y, float[] w, String what) {
        float[][] got = triaxLoss(logits, y, w);
        double want = expectedLoss(logits, y, w);
        assertEquals(want, got[0][0], 1e-6 * Math.max(1, Math.abs(want)), what + ": loss");
        double[][] g = expectedGradient(logits, y, w);
        int k = 0;
        for (double[] row : g) {
            for (double v : row) {
                assertEquals(v, got[1][k++], 1e-6, what + ": gradient " + (k - 1));
            }
        }
    }

    @Test
    void weightedMeanCrossEntropyAndItsGradientOnHandMadeLogits() {
        float[][] logits = {
            {2.0f, -1.0f, 0.5f}, {0.1f, 0.2f, 0.3f}, {-3.0f, 4.0f, 1.0f},
            {1.5f, 1.5f, 1.5f}, {0.0f, -2.0f, 5.0f}, {3.0f, 0.0f, -3.0f}, {-1.0f, 2.5f, 0.5f}};
        int[] y = {0, 2, 1, 1, 2, 1, 0};
        assertLossAndGradient(logits, y, new float[] {1, 1, 1}, "unit weights");
        assertLossAndGradient(logits, y, new float[] {0.5f, 2f, 3.25f}, "unequal weights");
        assertLossAndGradient(logits, y, new float[] {0f, 1f, 4f}, "a class weighted 0");
        float[][] huge = {{80f, -80f, 0f}, {-90f, 90f, 10f}, {100f, 100f, -100f}};
        assertLossAndGradient(huge, new int[] {1, 1, 0}, new float[] {2f, 0.25f, 1f}, "large logits stay finite");

        // unit weights are the plain mean; the weights are a weighted mean, not a sum
        double plain = 0;
        for (int i = 0; i < y.length; i++) {
            plain += expectedLoss(new float[][] {logits[i]}, new int[] {y[i]}, new float[] {1, 1, 1}) / y.length;
        }
        assertEquals(plain, triaxLoss(logits, y, new float[] {1, 1, 1})[0][0], 1e-6);
        assertEquals(triaxLoss(logits, y, new float[] {1, 1, 1})[0][0], triaxLoss(logits, y, new float[] {7, 7, 7})[0][0],
                1e-6, "scaling all weights alike changes nothing");
    }

    @Test
    void weightedLossMatchesRandomBatches() {
        Random r = new Random(9);
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + r.nextInt(40);
            int k = 2 + r.nextInt(5);
            float[][] logits = new float[n][k];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < k; c++) {
                    logits[i][c] = (float) (3 * r.nextGaussian());
                }
                y[i] = r.nextInt(k);
            }
            float[] w = new float[k];
            for (int c = 0; c < k; c++) {
                w[c] = 0.1f + 3 * r.nextFloat();
            }
            assertLossAndGradient(logits, y, w, "trial " + trial);
        }
    }

    @Test
    void balancedWeightsAreNOverKTimesTheClassCount() {
        int[] labels = new int[100];
        Arrays.fill(labels, 0, 60, 0);
        Arrays.fill(labels, 60, 90, 1);
        Arrays.fill(labels, 90, 100, 2);
        float[] w = WeightedCrossEntropy.balanced(labels, 4);
        assertArrayEquals(new float[] {100f / (4 * 60), 100f / (4 * 30), 100f / (4 * 10), 0f}, w, 1e-6f);
        // every present class then carries N / K of the total weight
        assertEquals(25.0, 60 * w[0], 1e-4);
        assertEquals(25.0, 30 * w[1], 1e-4);
        assertEquals(25.0, 10 * w[2], 1e-4);
        int[] balanced = {0, 1, 2, 2, 1, 0};
        assertArrayEquals(new float[] {1f, 1f, 1f}, WeightedCrossEntropy.balanced(balanced, 3));
    }

    // ------------------------------------------------------------------ in a run

    private static DataOptions options(Path data, SplitProtocol protocol) {
        return new DataOptions(data, List.of(), Double.NaN, null, WINDOW, STFT, protocol, SplitFractions.DEFAULT, 4);
    }

    /** Windows of each class in the plan's blocks of {@code subset}, counted from the blocks alone. */
    private static int[] windowsPerClass(SplitPlan plan, Subset subset, int classes) {
        int[] n = new int[classes];
        for (SplitPlan.Block b : plan.blocks(subset)) {
            n[b.label()] += WINDOW.count(b.from(), b.to());
        }
        return n;
    }

    private static PreparedDataset prepared(DataOptions o) {
        PreparedDataset ds = DatasetLoader.load(o);
        ds.normalize(Normalization.fit(ds.train(), ds.preprocessing().channelCount()));
        return ds;
    }

    private static TrainingResult train(PreparedDataset ds, boolean classWeights) {
        return ModelTrainer.train(ds, Design.FUSED, new TrainConfig(1, 16, 1e-3f, 4, classWeights), TrainingListener.SILENT);
    }

    @Test
    void onImbalancedDataTheRunWeighsEachClassByNOverKTimesItsTrainingWindows() {
        // 5 recordings of alpha, 3 of bravo and charlie: alpha has several times the training windows
        Path data = dir.resolve("imbalanced");
        int[] recordings = {5, 3, 3};
        for (int c = 0; c < 3; c++) {
            for (int k = 0; k < recordings[c]; k++) {
                String cls = CLASSES.get(c);
                TinyData.recording(data.resolve(cls + "/" + cls + "_" + k + ".csv"), c, 3, 2048, Layout.HEADER_WITH_TIME,
                        10L * c + k);
            }
        }
        PreparedDataset ds = prepared(options(data, SplitProtocol.BY_RECORDING));
        int[] n = windowsPerClass(ds.plan(), Subset.TRAIN, 3);
        int total = n[0] + n[1] + n[2];
        assertTrue(n[0] >= 2 * n[1] && n[0] >= 2 * n[2], "alpha dominates the training windows: " + Arrays.toString(n));
        float[] w = ModelTrainer.lossWeights(new TrainConfig(1, 16, 1e-3f, 4, true), ds.train().labels(), 3);
        for (int c = 0; c < 3; c++) {
            assertEquals((double) total / (3 * n[c]), w[c], 1e-6, "weight of " + CLASSES.get(c));
        }
        assertArrayEquals(new float[] {1f, 1f, 1f},
                ModelTrainer.lossWeights(new TrainConfig(1, 16, 1e-3f, 4, false), ds.train().labels(), 3));

        // and the weights reach the training: the same seed trains differently with them
        try (TrainingResult plain = train(ds, false); TrainingResult weighted = train(ds, true)) {
            assertNotEquals(plain.history().get(0).trainLoss(), weighted.history().get(0).trainLoss());
            assertFalse(Arrays.equals(plain.network().parameters(), weighted.network().parameters()));
        }
    }

    @Test
    void theWeightsComeFromTheTrainingWindowsOnly() {
        // time blocks: two 2048-sample recordings of alpha, one 3840-sample recording of bravo give
        // both classes 20 training windows (weights exactly 1) but 2 vs 3 validation and test windows
        Path data = dir.resolve("balanced-train");
        TinyData.recording(data.resolve("alpha/a0.csv"), 0, 3, 2048, Layout.HEADER_WITH_TIME, 1);
        TinyData.recording(data.resolve("alpha/a1.csv"), 0, 3, 2048, Layout.HEADER_WITH_TIME, 2);
        TinyData.recording(data.resolve("bravo/b0.csv"), 1, 3, 3840, Layout.HEADER_WITH_TIME, 3);
        PreparedDataset ds = prepared(options(data, SplitProtocol.TIME_BLOCKS));
        int[] train = windowsPerClass(ds.plan(), Subset.TRAIN, 2);
        int[] validation = windowsPerClass(ds.plan(), Subset.VALIDATION, 2);
        assertEquals(train[0], train[1], "balanced training windows: " + Arrays.toString(train));
        assertNotEquals(validation[0], validation[1], "imbalanced validation windows: " + Arrays.toString(validation));
        // weights from all windows would not be 1, so a run with them would differ from the plain one
        try (TrainingResult plain = train(ds, false); TrainingResult weighted = train(ds, true)) {
            assertArrayEquals(plain.network().parameters(), weighted.network().parameters(),
                    "balanced training windows: --class-weights must change nothing");
            assertEquals(plain.history().get(0).trainLoss(), weighted.history().get(0).trainLoss(), 0.0);
        }
    }
}
