package org.triax.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.artifact.EpochStats;
import org.triax.artifact.ModelArtifact;
import org.triax.artifact.ModelMetadata;
import org.triax.artifact.TrainConfig;
import org.triax.dataset.DataOptions;
import org.triax.dataset.DatasetLoader;
import org.triax.dataset.LoadedRecordings;
import org.triax.dataset.Normalization;
import org.triax.dataset.PreparedDataset;
import org.triax.dataset.SpectrogramSet;
import org.triax.dataset.SplitFractions;
import org.triax.dataset.SplitProtocol;
import org.triax.model.Design;
import org.triax.model.TriaxNetwork;
import org.triax.signal.StftConfig;
import org.triax.signal.WindowFunction;
import org.triax.signal.WindowSpec;
import org.triax.testing.TinyData;
import org.triax.testing.TinyData.Layout;

/**
 * README "validation after every epoch, the best validation epoch's weights kept": the kept epoch is
 * the best one by the rule (highest validation accuracy; on a tie the lower validation loss; on an
 * exact tie the earlier epoch), and the saved weights are that epoch's, not the last one's.
 *
 * <p>So that the best epoch is not the last one by construction rather than by luck, a
 * {@link TrainingListener} (called between epochs) swaps the training labels in place after epoch
 * {@value #FLIP_AFTER}: the later epochs learn the wrong mapping and validation accuracy falls. The
 * trainer is not told; nothing is hard-coded about which epoch wins.
 */
class BestEpochTest {
    private static final int EPOCHS = 4;
    private static final int FLIP_AFTER = 2;

    @TempDir
    static Path dir;

    static PreparedDataset ds;
    static TrainingResult result;
    static Path modelFile;

    private static LoadedRecordings read;

    @BeforeAll
    static void trainWithLabelsSwappedHalfway() {
        Path data = TinyData.dataset(dir.resolve("data"), 3, 3, Layout.HEADER_WITH_TIME, 31);
        read = DatasetLoader.read(new DataOptions(data, List.of(), Double.NaN, null, new WindowSpec(256, 128),
                new StftConfig(32, 16, WindowFunction.HANN, -120, 0, Double.POSITIVE_INFINITY), SplitProtocol.AUTO,
                SplitFractions.DEFAULT, 3));
        ds = DatasetLoader.prepare(read, DatasetLoader.plan(read, SplitProtocol.AUTO, SplitFractions.DEFAULT, 3));
        Normalization norm = Normalization.fit(ds.train(), ds.preprocessing().channelCount());
        ds.normalize(norm);
        int classes = ds.index().classes().size();
        int[] labels = ds.train().labels();
        TrainingListener swapLabels = new TrainingListener() {
            @Override
            public void epoch(EpochStats stats, int epochs, boolean best) {
                if (stats.epoch() == FLIP_AFTER) {
                    for (int i = 0; i < labels.length; i++) {
                        labels[i] = (labels[i] + 1) % classes;
                    }
                }
            }
        };
        TrainConfig cfg = new TrainConfig(EPOCHS, 16, 3e-3f, 3, false);
        result = ModelTrainer.train(ds, Design.FUSED, cfg, swapLabels);
        ModelMetadata meta = ModelArtifacts.metadata(org.triax.dataset.TrainingSets.of(read, ds, norm), cfg, result, null);
        modelFile = dir.resolve("model.triax");
        new ModelArtifact(meta, result.network().parameters()).save(modelFile);
    }

    @AfterAll
    static void close() {
        if (result != null) {
            result.close();
        }
    }

    /** The epoch (1-based) the rule picks, computed here from the history alone. */
    private static int bestByRule(List<EpochStats> h) {
        int best = 0;
        for (int i = 1; i < h.size(); i++) {
            EpochStats s = h.get(i);
            EpochStats b = h.get(best);
            if (s.validationAccuracy() > b.validationAccuracy()
                    || s.validationAccuracy() == b.validationAccuracy() && s.validationLoss() < b.validationLoss()) {
                best = i;
            }
        }
        return best + 1;
    }

    /** {mean cross-entropy, accuracy} of a network on a set, from its probabilities. */
    private static double[] lossAndAccuracy(TriaxNetwork net, SpectrogramSet set) {
        float[][] p = net.probabilities(set.data(), set.size(), 32);
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < p.length; i++) {
            int y = set.labels()[i];
            loss -= Math.log(Math.max(p[i][y], 1e-12f));
            int argmax = 0;
            for (int k = 1; k < p[i].length; k++) {
                if (p[i][k] > p[i][argmax]) {
                    argmax = k;
                }
            }
            correct += argmax == y ? 1 : 0;
        }
        return new double[] {loss / p.length, (double) correct / p.length};
    }

    @Test
    void theKeptEpochIsTheBestValidationEpochAndNotTheLast() {
        List<EpochStats> h = result.history();
        assertEquals(EPOCHS, h.size());
        assertEquals(bestByRule(h), result.bestEpoch(), "history " + h);
        assertTrue(result.bestEpoch() <= FLIP_AFTER + 1, "history " + h);
        EpochStats best = h.get(result.bestEpoch() - 1);
        EpochStats last = h.get(EPOCHS - 1);
        assertTrue(best.validationAccuracy() > last.validationAccuracy() + 0.2,
                "training on swapped labels must have ruined the last epoch: " + h);
    }

    @Test
    void theSavedWeightsReproduceTheBestEpochsValidationEntry() {
        EpochStats best = result.history().get(result.bestEpoch() - 1);
        EpochStats last = result.history().get(EPOCHS - 1);
        ModelArtifact saved = ModelArtifact.load(modelFile);
        assertEquals(result.bestEpoch(), saved.metadata().bestEpoch());
        try (TriaxNetwork net = saved.openNetwork()) {
            double[] val = lossAndAccuracy(net, ds.validation());
            assertEquals(best.validationAccuracy(), val[1], 0.0, "validation accuracy of the saved weights");
            assertEquals(best.validationLoss(), val[0], 1e-6 * Math.max(1, best.validationLoss()),
                    "validation loss of the saved weights");
            assertNotEquals(last.validationAccuracy(), val[1], "the last epoch's weights were saved");
        }
        // the stored validation metrics are those of the kept weights too
        assertEquals(best.validationAccuracy(), saved.metadata().validation().accuracy(), 0.0);
        assertEquals(ds.validation().size(), saved.metadata().validation().count());
    }

    private static EpochStats epoch(int n, double validationLoss, double validationAccuracy) {
        return new EpochStats(n, 1.0, 0.5, validationLoss, validationAccuracy, 0.1);
    }

    @Test
    void higherAccuracyWinsThenLowerLossThenTheEarlierEpoch() {
        EpochStats kept = epoch(1, 0.40, 0.75);
        assertTrue(ModelTrainer.better(epoch(2, 0.90, 0.80), kept), "higher accuracy wins despite a higher loss");
        assertFalse(ModelTrainer.better(epoch(2, 0.10, 0.70), kept), "lower accuracy loses despite a lower loss");
        assertTrue(ModelTrainer.better(epoch(2, 0.39, 0.75), kept), "same accuracy: lower loss wins");
        assertFalse(ModelTrainer.better(epoch(2, 0.41, 0.75), kept), "same accuracy: higher loss loses");
        assertFalse(ModelTrainer.better(epoch(2, 0.40, 0.75), kept), "an exact tie keeps the earlier epoch");
        // and the same rule over a whole history
        List<EpochStats> h = List.of(epoch(1, 0.9, 0.5), epoch(2, 0.5, 0.75), epoch(3, 0.3, 0.75), epoch(4, 0.3, 0.75),
                epoch(5, 0.1, 0.70));
        assertEquals(3, bestByRule(h));
    }

    @Test
    void theTrainedNetworkHoldsTheSavedWeights() {
        assertArrayEquals(ModelArtifact.load(modelFile).weights(), result.network().parameters());
    }
}
