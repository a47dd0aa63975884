package org.triax.cli;

import java.nio.file.Path;
import org.triax.dataset.cache.SpectrogramCache;
import org.triax.train.RunOptions;
import picocli.CommandLine.Option;

/** train's spectrogram cache, per-epoch checkpoints and resume. */
final class RunOptionsMixin {
    @Option(names = "--cache", paramLabel = "DIR", description = "where prepared spectrogram windows are cached and "
            + "read from while training (default: $XDG_CACHE_HOME/triax, else ~/.cache/triax)")
    Path cache;

    @Option(names = "--no-cache", description = "keep the windows in memory and cache nothing")
    boolean noCache;

    @Option(names = "--resume", arity = "0..1", paramLabel = "CHECKPOINT", fallbackValue = "",
            description = "continue an interrupted run from its last completed epoch: the newest checkpoint of the same "
                    + "run in OUT, or the checkpoint file (or folder) given")
    String resume;

    RunOptions toRunOptions() {
        if (noCache && cache != null) {
            throw new org.triax.TriaxException("--cache and --no-cache contradict each other: give one");
        }
        Path dir = noCache ? null : cache != null ? cache : SpectrogramCache.defaultRoot();
        boolean resuming = resume != null;
        return new RunOptions(dir, true, resuming, resuming && !resume.isEmpty() ? Path.of(resume) : null);
    }
}
