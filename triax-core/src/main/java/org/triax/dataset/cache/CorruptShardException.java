package org.triax.dataset.cache;

import java.nio.file.Path;
import org.triax.TriaxException;

/** A shard file that is truncated, altered or not a shard at all: the cache rebuilds it. */
public final class CorruptShardException extends TriaxException {
    private static final long serialVersionUID = 1L;

    public CorruptShardException(Path file, String why) {
        super(file + ": corrupt spectrogram shard: " + why);
    }
}
