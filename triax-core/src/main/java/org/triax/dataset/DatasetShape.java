package org.triax.dataset;

import java.util.List;
import org.triax.signal.Preprocessing;

/**
 * A dataset's recordings brought into one preprocessing contract, without their samples: what the
 * split needs (each recording's class, length after conforming, group), so that a cache entry can
 * be prepared one recording at a time ({@link DatasetLoader#survey}).
 *
 * @param lengths each recording's length in samples once conformed (resampled), in index order
 * @param variable the MAT variable / HDF5 dataset read (null: automatic)
 * @param grouping the grouping rule in words (null without groups)
 * @param groups the group of each recording, in index order (empty without groups)
 * @param notes what triax chose on the way, for people (sizes from the data...)
 */
public record DatasetShape(DatasetIndex index, Preprocessing preprocessing, int[] lengths, String variable,
                           String grouping, List<String> groups, String fingerprint, List<String> notes) {

    public DatasetShape {
        lengths = lengths.clone();
        groups = List.copyOf(groups);
        notes = List.copyOf(notes);
    }

    public int[] labels() {
        return index.files().stream().mapToInt(LabelledFile::label).toArray();
    }

    public List<String> names() {
        return index.files().stream().map(LabelledFile::relativePath).toList();
    }
}
