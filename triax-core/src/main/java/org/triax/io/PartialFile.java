package org.triax.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.triax.TriaxException;

/**
 * A text file written line by line under a hidden name, {@code .<name>.partial} beside it, and
 * published under its name, whole, when its writer completes ({@link #publish}): each line is
 * handed to the OS as it comes, so a killed process loses at most the line being written, and a
 * later run {@linkplain #resume resumes} from the complete lines, a torn last one cut. What
 * {@code predict --output} and {@code monitor} write as they go. Who writes it (the model's hash and
 * the options that change its rows, one line) is noted beside it, {@code .<name>.partial.origin},
 * before the first row: a resume by another model or with other options is refused, never mixed in.
 */
public final class PartialFile implements AutoCloseable {
    private final Path partial;
    private final FileChannel channel;
    private final String lines;

    private PartialFile(Path partial, FileChannel channel, String lines) {
        this.partial = partial;
        this.channel = channel;
        this.lines = lines;
    }

    /** The hidden name {@code file} is written under until it is complete. */
    public static Path partialOf(Path file) {
        return file.toAbsolutePath().resolveSibling("." + file.getFileName() + ".partial");
    }

    /** Where the writer of {@code partialOf(file)} is noted. */
    public static Path originOf(Path file) {
        return originBeside(partialOf(file));
    }

    private static Path originBeside(Path partial) {
        return partial.resolveSibling(partial.getFileName() + ".origin");
    }

    /** Starts {@code partialOf(file)}, which must not exist, for the writer {@code origin} (one line). */
    public static PartialFile create(Path file, String origin) {
        return open(file, origin, false);
    }

    /**
     * Continues {@code partialOf(file)}, which must exist: its complete lines are kept ({@link #lines}),
     * a torn one cut. Refused when another writer than {@code origin} started it (a file started
     * before origins were noted is taken as it is).
     */
    public static PartialFile resume(Path file, String origin) {
        return open(file, origin, true);
    }

    private static PartialFile open(Path file, String origin, boolean resume) {
        Path partial = partialOf(file);
        Path noted = originOf(file);
        try {
            Files.createDirectories(partial.getParent());
            String startedBy = resume && Files.exists(noted) ? Files.readString(noted, StandardCharsets.UTF_8).strip() : origin;
            if (!startedBy.equals(origin)) {
                throw new TriaxException(partial + " was started by another model or with other options (" + startedBy
                        + "; this run: " + origin + "): resume with the interrupted run's model and options, or write to "
                        + "another output");
            }
            if (!resume && !Files.exists(partial)) {
                Files.deleteIfExists(noted); // left by a run whose partial file was removed
                AtomicFiles.write(noted, (origin + "\n").getBytes(StandardCharsets.UTF_8));
            }
            FileChannel ch = resume ? FileChannel.open(partial, StandardOpenOption.WRITE)
                    : FileChannel.open(partial, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
            try {
                String text = "";
                if (resume) {
                    byte[] bytes = Files.readAllBytes(partial);
                    int end = bytes.length;
                    while (end > 0 && bytes[end - 1] != '\n') {
                        end--;
                    }
                    ch.truncate(end);
                    ch.position(end);
                    text = new String(bytes, 0, end, StandardCharsets.UTF_8);
                }
                return new PartialFile(partial, ch, text);
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
        } catch (IOException e) {
            throw new TriaxException("cannot write " + partial + ": " + e.getMessage(), e);
        }
    }

    public Path path() {
        return partial;
    }

    /** The complete lines an interrupted writer left (empty for a new file). */
    public String lines() {
        return lines;
    }

    /** Bytes in the file so far. */
    public long size() {
        try {
            return channel.size();
        } catch (IOException e) {
            throw new TriaxException("cannot read " + partial + ": " + e.getMessage(), e);
        }
    }

    public void append(String text) {
        try {
            ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                channel.write(b);
            }
        } catch (IOException e) {
            throw new TriaxException("cannot write " + partial + ": " + e.getMessage(), e);
        }
    }

    /** The writer is complete: the file takes its name {@code file} ({@link AtomicFiles#publishWritten}). */
    public void publish(Path file) {
        try {
            channel.close();
        } catch (IOException e) {
            throw new TriaxException("cannot write " + partial + ": " + e.getMessage(), e);
        }
        AtomicFiles.publishWritten(partial, file);
        AtomicFiles.deleteQuietly(originOf(file));
    }

    /** Drops the file: a writer that ended in an error keeps nothing. */
    public void discard() {
        close();
        AtomicFiles.deleteQuietly(partial);
        AtomicFiles.deleteQuietly(originBeside(partial));
    }

    /** Releases the file; unless published, what was written stays, for a later resume. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the lines written so far are in the OS already
        }
    }
}
