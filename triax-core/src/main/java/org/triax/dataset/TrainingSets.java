package org.triax.dataset;

import java.util.List;
import org.triax.signal.Preprocessing;

/**
 * What training and the model file need of a prepared dataset, whether its windows are in memory
 * or in mapped cache shards: the three normalised sets, the contract and split that made them,
 * and where the data came from.
 *
 * @param variable the MAT variable / HDF5 dataset read (null: automatic)
 * @param notes what triax chose from the data (sizes...), as printed
 */
public record TrainingSets(DatasetIndex index, Preprocessing preprocessing, SplitPlan plan, String fingerprint,
                           String variable, List<String> notes, Normalization normalization,
                           WindowSet train, WindowSet validation, WindowSet test) {

    public TrainingSets {
        notes = List.copyOf(notes);
    }

    /** The in-memory sets of {@code ds}, already normalised with {@code normalization}. */
    public static TrainingSets of(LoadedRecordings read, PreparedDataset ds, Normalization normalization) {
        return new TrainingSets(ds.index(), ds.preprocessing(), ds.plan(), ds.fingerprint(), read.variable(),
                read.notes(), normalization, ds.train(), ds.validation(), ds.test());
    }

    public WindowSet set(Subset s) {
        return switch (s) {
            case TRAIN -> train;
            case VALIDATION -> validation;
            case TEST -> test;
        };
    }

    public int classes() {
        return index.classes().size();
    }
}
