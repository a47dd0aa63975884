package org.triax.dataset;

import java.util.List;
import org.triax.signal.Preprocessing;
import org.triax.signal.Recording;

/**
 * A dataset's recordings read and brought into one preprocessing contract, before any split: read
 * once, then split as often as needed (one split for {@code train}, one per fold for {@code cv}).
 *
 * @param variable the MAT variable / HDF5 dataset read (null: automatic)
 * @param grouping the grouping rule in words (null without groups)
 * @param groups the group of each recording, in index order (empty without groups)
 * @param notes what triax chose or dropped on the way, for people (sizes from the data...)
 */
public record LoadedRecordings(DatasetIndex index, Preprocessing preprocessing, List<Recording> recordings,
                               String variable, String grouping, List<String> groups, String fingerprint, List<String> notes) {

    public LoadedRecordings {
        recordings = List.copyOf(recordings);
        groups = List.copyOf(groups);
        notes = List.copyOf(notes);
    }

    public int[] labels() {
        return shape().labels();
    }

    public int[] lengths() {
        return recordings.stream().mapToInt(Recording::length).toArray();
    }

    public List<String> names() {
        return shape().names();
    }

    /** All of it but the samples. */
    public DatasetShape shape() {
        return new DatasetShape(index, preprocessing, lengths(), variable, grouping, groups, fingerprint, notes);
    }
}
