package org.triax.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.triax.TriaxException;

/**
 * Writes files whole or not at all, and never over an existing file: the content goes to a hidden
 * temporary file in the same folder, is flushed to disk (fsync), then appears under its name in one
 * step. The step is a hard link, which the OS refuses when the name exists (a rename would silently
 * replace it); on a file system without hard links it falls back to a move that checks first.
 * Names chosen by triax itself are held with {@link ReservedName} first.
 */
public final class AtomicFiles {

    /** Produces a file's content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    public static void write(Path file, byte[] bytes) {
        write(file, out -> out.write(bytes));
    }

    /**
     * Writes {@code file}, which must not exist; its folder is created when missing.
     *
     * @throws TriaxException when the file exists (it is left untouched) or cannot be written
     */
    public static void write(Path file, Content content) {
        Path dir = parent(file);
        Path tmp = null;
        try {
            refuseExisting(file);
            Files.createDirectories(dir);
            tmp = hidden(dir, "." + file.getFileName() + ".", ".tmp", false);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(ch);
                content.writeTo(out);
                out.flush();
                ch.force(true);
            }
            publish(tmp, file);
            syncFolder(dir);
        } catch (FileAlreadyExistsException e) {
            throw exists(file, e);
        } catch (IOException e) {
            throw new TriaxException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /**
     * A new hidden file or folder with a random name in {@code dir}, with the permissions the umask
     * gives (Files.createTempFile would make it owner-only, and the published file with it: a model
     * another user or a cluster's executors could not read).
     */
    private static Path hidden(Path dir, String prefix, String suffix, boolean folder) throws IOException {
        while (true) {
            Path p = dir.resolve(prefix + Long.toUnsignedString(java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36)
                    + suffix);
            try {
                return folder ? Files.createDirectory(p) : Files.createFile(p);
            } catch (FileAlreadyExistsException taken) {
                // another writer's name: draw again
            }
        }
    }

    /** Fills a folder that nobody else sees yet. */
    @FunctionalInterface
    public interface FolderContent {
        void writeInto(Path folder) throws IOException;
    }

    /**
     * Writes the folder {@code dir}, which must be missing or empty, whole or not at all: the
     * content is written into a hidden sibling folder that is renamed to {@code dir} when complete.
     */
    public static void writeFolder(Path dir, FolderContent content) {
        Path parent = parent(dir);
        Path tmp = null;
        try {
            Files.createDirectories(parent);
            tmp = hidden(parent, "." + dir.getFileName() + ".", "", true);
            content.writeInto(tmp);
            Files.deleteIfExists(dir); // an empty folder only: a non-empty one makes this fail
            Files.move(tmp, dir);
            syncFolder(parent);
        } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
            throw exists(dir, e);
        } catch (IOException e) {
            throw new TriaxException("cannot write " + dir + ": " + e.getMessage(), e);
        } finally {
            deleteTreeQuietly(tmp);
        }
    }

    /**
     * Publishes {@code complete}, a file written in place by its writer (rows appended as they were
     * produced, under a hidden name), as {@code file}, which must not exist: fsync, then the same
     * one-step publication as {@link #write}; {@code complete} is gone afterwards.
     */
    public static void publishWritten(Path complete, Path file) {
        try {
            try (FileChannel ch = FileChannel.open(complete, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            publish(complete, file);
            Files.deleteIfExists(complete);
            syncFolder(parent(file));
        } catch (FileAlreadyExistsException e) {
            throw exists(file, e);
        } catch (IOException e) {
            throw new TriaxException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The clear error for an output name that is taken. */
    public static void refuseExisting(Path file) {
        if (Files.exists(file)) {
            throw exists(file, null);
        }
    }

    /** Gives the complete file {@code tmp} the name {@code file} (which must not exist); {@code tmp} stays. */
    private static void publish(Path tmp, Path file) throws IOException {
        try {
            Files.createLink(file, tmp);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
            Files.move(tmp, file); // checks the name first: only a writer outside triax can slip in between
        }
    }

    /** Makes a new name in {@code dir} durable (Linux needs the folder synced; elsewhere best effort). */
    static void syncFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // some platforms cannot open a folder: the file itself is synced already
        }
    }

    static Path parent(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null) {
            throw new TriaxException("cannot write " + file + ": it has no parent folder");
        }
        return dir;
    }

    static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a stray hidden temporary file is harmless
            }
        }
    }

    private static void deleteTreeQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            deleteTree(dir);
        } catch (TriaxException ignored) {
            // best effort, as for a single temporary file
        }
    }

    /** Deletes {@code dir} and everything in it (a cache entry, checkpoints); a missing folder is fine. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new TriaxException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }

    private static TriaxException exists(Path file, Exception cause) {
        return new TriaxException(file + " already exists; not overwriting it", cause);
    }
}
