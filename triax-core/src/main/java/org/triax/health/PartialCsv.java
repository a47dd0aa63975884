package org.triax.health;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.triax.TriaxException;
import org.triax.io.AtomicFiles;

/**
 * A CSV file written row by row under a hidden name ({@code .<name>.partial} beside it) and
 * published under its name, whole, when the run completes, as {@code predict --output} does: each
 * row is handed to the OS as it comes, so a killed process loses at most the row being written, and
 * {@code --resume} reads the complete rows back, cuts a torn last line and appends.
 */
final class PartialCsv implements AutoCloseable {
    private final Path partial;
    private final FileChannel channel;
    private final String rows;

    private PartialCsv(Path partial, FileChannel channel, String rows) {
        this.partial = partial;
        this.channel = channel;
        this.rows = rows;
    }

    /** The hidden name {@code file} is written under until it is complete. */
    static Path partialOf(Path file) {
        return file.toAbsolutePath().resolveSibling("." + file.getFileName() + ".partial");
    }

    /**
     * Starts {@code partialOf(file)} with {@code header}, or continues it when {@code resume} (its
     * header must be {@code header}: the same model, detectors and time axis).
     */
    static PartialCsv open(Path file, String header, boolean resume) {
        Path partial = partialOf(file);
        try {
            Files.createDirectories(partial.getParent());
            FileChannel ch = resume ? FileChannel.open(partial, StandardOpenOption.WRITE)
                    : FileChannel.open(partial, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
            try {
                String rows = "";
                if (resume) {
                    byte[] bytes = Files.readAllBytes(partial);
                    int end = bytes.length;
                    while (end > 0 && bytes[end - 1] != '\n') {
                        end--;
                    }
                    ch.truncate(end);
                    ch.position(end);
                    String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
                    if (!text.isEmpty() && !text.startsWith(header)) {
                        throw new TriaxException(partial + " was written with another model, detector order or time axis "
                                + "(its header is '" + text.lines().findFirst().orElse("") + "'): resume with the options "
                                + "of the interrupted run, or give another --out");
                    }
                    rows = text.isEmpty() ? "" : text.substring(header.length());
                }
                PartialCsv csv = new PartialCsv(partial, ch, rows);
                if (ch.size() == 0) {
                    csv.append(header);
                }
                return csv;
            } catch (RuntimeException | IOException e) {
                ch.close();
                throw e;
            }
        } catch (IOException e) {
            throw new TriaxException("cannot write " + partial + ": " + e.getMessage(), e);
        }
    }

    /** The complete rows an interrupted run wrote (header excluded): empty unless resumed. */
    String rows() {
        return rows;
    }

    void append(String text) {
        try {
            ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                channel.write(b);
            }
        } catch (IOException e) {
            throw new TriaxException("cannot write " + partial + ": " + e.getMessage(), e);
        }
    }

    /** The run is complete: the rows take their final name. */
    void publish(Path file) {
        close();
        AtomicFiles.publishWritten(partial, file);
    }

    /** Drops the rows: a run that ended in an error keeps nothing. */
    void discard() {
        close();
        try {
            Files.deleteIfExists(partial);
        } catch (IOException ignored) {
            // a hidden file; a later run with --resume reads it or refuses it by its header
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the rows written so far are in the OS already; --resume reads them
        }
    }
}
