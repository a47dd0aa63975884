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
 *
 * @param unknownState the check that tells a recording unlike every training class (null in models
 *     made before it, or where the held-out windows were too few to set it)
 */
public record ModelMetadata(String format, int formatVersion, String triaxVersion, String createdAt,
                            NetworkSpec network, List<String> classes, Preprocessing preprocessing,
                            Normalization normalization, TrainConfig training, Split split, Dataset dataset,
                            Metrics validation, Metrics test, List<EpochStats> history, int bestEpoch,
                            double trainSeconds, String device, UnknownState unknownState) {

    public ModelMetadata(String format, int formatVersion, String triaxVersion, String createdAt,
                         NetworkSpec network, List<String> classes, Preprocessing preprocessing,
                         Normalization normalization, TrainConfig training, Split split, Dataset dataset,
                         Metrics validation, Metrics test, List<EpochStats> history, int bestEpoch,
                         double trainSeconds, String device) {
        this(format, formatVersion, triaxVersion, createdAt, network, classes, preprocessing, normalization, training,
                split, dataset, validation, test, history, bestEpoch, trainSeconds, device, null);
    }

    public static final String FORMAT = "triax-model";
    /** The newest format version this triax reads and writes. */
    public static final int FORMAT_VERSION = 2;

    /**
     * The format version a model with this preprocessing needs: 1 for the plain spectrogram on the
     * linear axis (any triax reads it), 2 for an envelope input or a log axis, so that a triax
     * that cannot build that input refuses the model instead of scoring a different input.
     */
    public static int formatVersionFor(Preprocessing pre) {
        return pre.transform().isDefault() ? 1 : 2;
    }

    /**
     * The split protocol actually used and every block of every recording.
     *
     * @param grouping the grouping rule in words (null unless split by group)
     */
    public record Split(String protocol, SplitFractions fractions, long seed, List<Block> blocks, String grouping) {
        public Split(String protocol, SplitFractions fractions, long seed, List<Block> blocks) {
            this(protocol, fractions, seed, blocks, null);
        }
    }

    /**
     * Samples {@code [from, to)} of {@code file} (relative to the dataset folder) went to {@code subset}.
     *
     * @param group the recording's group (null unless split by group)
     */
    public record Block(String file, String subset, int from, int to, String group) {
        public Block(String file, String subset, int from, int to) {
            this(file, subset, from, to, null);
        }
    }

    /**
     * Where the data came from, how it was read and how many windows each set had.
     *
     * @param variable the MAT variable / HDF5 dataset read (null: automatic)
     * @param notes what triax chose from the data (sizes...), as printed
     */
    public record Dataset(String path, String fingerprint, int recordings, int trainWindows,
                          int validationWindows, int testWindows, String variable, List<String> notes) {
        public Dataset(String path, String fingerprint, int recordings, int trainWindows, int validationWindows,
                       int testWindows) {
            this(path, fingerprint, recordings, trainWindows, validationWindows, testWindows, null, List.of());
        }
    }
}
