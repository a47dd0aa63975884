package org.triax.dataset.cache;

import org.triax.dataset.RecordingSource;
import org.triax.dataset.SplitPlan;

/**
 * Something more that training derives from the recordings themselves (not from the windows), kept
 * as a file of the cache entry so that a run from the cache needs no recording: the classifier's
 * unknown-state check, fitted on the condition indicators of the split's windows.
 */
public interface Companion {
    /** The file's name in the entry (it is part of the entry's content, so versioned by name). */
    String fileName();

    /**
     * The file's bytes, from the dataset's recordings (in memory for training without a cache, else
     * read one at a time) and the entry's split.
     */
    byte[] derive(RecordingSource recordings, SplitPlan plan);
}
