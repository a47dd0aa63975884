package org.triax.dataset;

import org.triax.signal.Preprocessing;

/** A dataset turned into the three sets of window spectrograms, with everything needed to redo it. */
public record PreparedDataset(DatasetIndex index, Preprocessing preprocessing, SplitPlan plan,
                              SpectrogramSet train, SpectrogramSet validation, SpectrogramSet test,
                              String fingerprint) {

    public SpectrogramSet set(Subset s) {
        return switch (s) {
            case TRAIN -> train;
            case VALIDATION -> validation;
            case TEST -> test;
        };
    }

    /** Standardises all three sets in place with statistics fitted elsewhere (on train). */
    public void normalize(Normalization n) {
        for (Subset s : Subset.values()) {
            SpectrogramSet set = set(s);
            n.apply(set.data(), set.size(), set.tensorSize());
        }
    }
}
