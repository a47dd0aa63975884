package org.triax.health;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.triax.artifact.AlarmThreshold;
import org.triax.dataset.SplitPlan;
import org.triax.dataset.Subset;

/** The window scores of a set of blocks of normal recordings, block by block. */
record BlockScores(List<double[]> perBlock) {

    static BlockScores of(WindowScorer scorer, NormalSet normal, Subset subset) {
        List<double[]> out = new ArrayList<>();
        for (SplitPlan.Block b : normal.blocks(subset)) {
            int[] starts = normal.starts(b);
            if (starts.length > 0) {
                out.add(scorer.scores(normal.data().recordings().get(b.recording()), starts));
            }
        }
        return new BlockScores(out);
    }

    /** Every window's score. */
    double[] windows() {
        return perBlock.stream().flatMapToDouble(Arrays::stream).toArray();
    }

    /** Each block's score (the median of its windows, {@link AlarmThreshold#recordingScore}). */
    double[] recordings() {
        return perBlock.stream().mapToDouble(AlarmThreshold::recordingScore).toArray();
    }
}
