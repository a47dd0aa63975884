package org.triax.train;

import java.nio.file.Path;

/**
 * How a {@code train} run keeps its work: where prepared windows are cached, whether it writes a
 * checkpoint after every epoch, and whether it continues an interrupted run.
 *
 * @param cache the spectrogram cache folder (null: windows in memory, nothing cached)
 * @param checkpoints write a checkpoint after every epoch (under OUT/.triax-checkpoints)
 * @param resume continue from the newest checkpoint of the same run in OUT
 * @param resumeFrom with {@code resume}, a checkpoint file or folder elsewhere (null: OUT's)
 */
public record RunOptions(Path cache, boolean checkpoints, boolean resume, Path resumeFrom) {
    /** In memory, no checkpoints (library callers, the studio). */
    public static final RunOptions IN_MEMORY = new RunOptions(null, false, false, null);

    public RunOptions {
        if (resume && !checkpoints) {
            throw new IllegalArgumentException("resuming needs checkpoints");
        }
    }
}
