package org.triax.signal;

import java.io.IOException;
import java.nio.file.Path;

/** Reads one file format into a {@link Recording}. */
public interface RecordingReader {

    /** True when this reader handles the file name (by extension). */
    boolean accepts(Path file);

    /**
     * Reads the file. Format problems (truncated, corrupt, no numeric data) are reported as
     * {@link org.triax.TriaxException} naming the file.
     */
    Recording read(Path file, ReadOptions options) throws IOException;
}
