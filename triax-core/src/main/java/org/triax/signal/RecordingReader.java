package org.triax.signal;

import java.io.IOException;
import java.nio.file.Path;

/** Reads one file format into a {@link Recording}. */
public interface RecordingReader {

    /** True when this reader handles the file name (by extension). */
    boolean accepts(Path file);

    /**
     * Reads the file, or the bytes in memory under its name. Format problems (truncated, corrupt,
     * no numeric data) are reported as {@link org.triax.TriaxException} naming the file.
     */
    Recording read(RecordingInput input, ReadOptions options) throws IOException;

    /** Reads a file on disk. */
    default Recording read(Path file, ReadOptions options) throws IOException {
        return read(RecordingInput.of(file), options);
    }
}
