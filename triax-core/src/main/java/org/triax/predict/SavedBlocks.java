package org.triax.predict;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.triax.TriaxException;
import org.triax.artifact.ModelMetadata;
import org.triax.dataset.DatasetIndex;
import org.triax.dataset.SplitPlan;
import org.triax.dataset.Subset;
import org.triax.signal.Recording;

/**
 * The blocks of one set of the split a model saved (its test set for {@code evaluate}, its
 * training set for int8 calibration), with their recordings read from the unchanged training
 * folder and brought into the model's contract; recordings of other sets are not read (null).
 */
record SavedBlocks(List<SplitPlan.Block> blocks, List<Recording> recordings) {

    /** @param classMap the folder's class index to the model's, per {@link Evaluation#classMap} */
    static SavedBlocks read(ModelMetadata meta, RecordingScorer scorer, DatasetIndex index, Subset subset, int[] classMap) {
        Map<String, Integer> byName = new HashMap<>();
        for (int r = 0; r < index.files().size(); r++) {
            byName.put(index.files().get(r).relativePath(), r);
        }
        Map<Integer, Recording> read = new TreeMap<>();
        List<SplitPlan.Block> blocks = new ArrayList<>();
        for (ModelMetadata.Block b : meta.split().blocks()) {
            if (!subset.name().equals(b.subset())) {
                continue;
            }
            Integer r = byName.get(b.file());
            if (r == null) {
                throw new TriaxException("the model's " + subset.name().toLowerCase(java.util.Locale.ROOT) + " recording "
                        + b.file() + " is not in " + index.root()
                        + " although the data fingerprint matches: the model file is inconsistent");
            }
            read.computeIfAbsent(r, k -> scorer.preprocessing().conform(scorer.read(index.files().get(k).path())));
            blocks.add(new SplitPlan.Block(r, classMap[index.files().get(r).label()], subset, b.from(), b.to()));
        }
        List<Recording> recordings = new ArrayList<>();
        for (int r = 0; r < index.files().size(); r++) {
            recordings.add(read.get(r)); // only this set's recordings are read; the others are never looked up
        }
        return new SavedBlocks(blocks, recordings);
    }
}
