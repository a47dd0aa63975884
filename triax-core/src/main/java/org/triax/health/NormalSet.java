package org.triax.health;

import java.util.List;
import org.triax.dataset.LoadedRecordings;
import org.triax.dataset.SplitPlan;
import org.triax.dataset.Subset;
import org.triax.signal.SpectrogramExtractor;

/**
 * The normal recordings of a baseline and their split: fit blocks (TRAIN) to learn from,
 * threshold blocks (VALIDATION) to set the alarm threshold, test blocks (TEST) to check it on
 * normal data no step has seen.
 */
public record NormalSet(LoadedRecordings data, SplitPlan plan) {

    public List<SplitPlan.Block> blocks(Subset subset) {
        return plan.blocks(subset);
    }

    /** Window starts of a block (the preprocessing's windows inside it). */
    public int[] starts(SplitPlan.Block b) {
        return extractor().windowStarts(b.from(), b.to());
    }

    /** Windows in the blocks of {@code subset}. */
    public int windows(Subset subset) {
        return blocks(subset).stream().mapToInt(b -> starts(b).length).sum();
    }

    public SpectrogramExtractor extractor() {
        return data.preprocessing().extractor();
    }
}
