package org.triax.artifact;

import java.util.List;
import org.triax.dataset.Normalization;
import org.triax.dataset.SplitFractions;
import org.triax.model.NetworkSpec;
import org.triax.signal.Preprocessing;

/**
 * Everything a model file says about itself besides its weights: enough to score new recordings
 * (network, classes, preprocessing, normalisation) and to answer "where did this model come from"
 * (training config, seed, dataset fingerprint, split, metrics, history, versions).
 */
public record ModelMetadata(String format, int formatVersion, String triaxVersion, String createdAt,
                            NetworkSpec network, List<String> classes, Preprocessing preprocessing,
                            Normalization normalization, TrainConfig training, Split split, Dataset dataset,
                            Metrics validation, Metrics test, List<EpochStats> history, int bestEpoch,
                            double trainSeconds, String device) {

    public static final String FORMAT = "triax-model";
    public static final int FORMAT_VERSION = 1;

    /** The split protocol actually used and every block of every recording. */
    public record Split(String protocol, SplitFractions fractions, long seed, List<Block> blocks) {
    }

    /** Samples {@code [from, to)} of {@code file} (relative to the dataset folder) went to {@code subset}. */
    public record Block(String file, String subset, int from, int to) {
    }

    /** Where the data came from and how many windows each set had. */
    public record Dataset(String path, String fingerprint, int recordings, int trainWindows,
                          int validationWindows, int testWindows) {
    }
}
