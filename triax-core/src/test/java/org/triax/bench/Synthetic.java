package org.triax.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.triax.dataset.DatasetIndex;
import org.triax.dataset.PreparedDataset;
import org.triax.dataset.SpectrogramSet;
import org.triax.dataset.SplitFractions;
import org.triax.dataset.SplitPlan;
import org.triax.dataset.SplitProtocol;
import org.triax.signal.Preprocessing;
import org.triax.signal.StftConfig;
import org.triax.signal.WindowSpec;

/** Random standardised tensors in the default input shape (3 x 65 x 57), four classes. */
final class Synthetic {
    static final int CLASSES = 4;

    private Synthetic() {
    }

    static Preprocessing preprocessing() {
        return new Preprocessing(List.of("X", "Y", "Z"), 5120, WindowSpec.DEFAULT, StftConfig.DEFAULT);
    }

    static SpectrogramSet set(Preprocessing pre, int n, long seed) {
        Random r = new Random(seed);
        float[] data = new float[n * pre.tensorSize()];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) r.nextGaussian();
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(CLASSES);
        }
        return new SpectrogramSet(data, pre.tensorSize(), labels, new int[n], new int[n]);
    }

    static PreparedDataset dataset(int trainWindows, int validationWindows) {
        Preprocessing pre = preprocessing();
        DatasetIndex index = new DatasetIndex(Path.of("synthetic"), List.of("a", "b", "c", "d"), List.of());
        SplitPlan plan = new SplitPlan(SplitProtocol.BY_RECORDING, SplitFractions.DEFAULT, 1, List.of());
        return new PreparedDataset(index, pre, plan, set(pre, trainWindows, 1), set(pre, validationWindows, 2),
                set(pre, validationWindows, 3), "synthetic");
    }
}
