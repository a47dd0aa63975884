package org.triax.signal;

import io.jhdf.HdfFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.triax.TriaxException;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Sources;

/**
 * The bytes of a recording file: a file on disk, or bytes held in memory under a file name (an
 * upload, which then needs no file of its own). Every reader opens its input here, so both go
 * through one reading path; the name's extension picks the reader, and messages name the file as
 * {@link #path()}.
 */
public final class RecordingInput {
    private final Path path;
    /** The content when it is held in memory; null: read {@link #path}. */
    private final byte[] bytes;

    private RecordingInput(Path path, byte[] bytes) {
        this.path = Objects.requireNonNull(path);
        this.bytes = bytes;
    }

    public static RecordingInput of(Path file) {
        return new RecordingInput(file, null);
    }

    /** A recording held in memory, named {@code name} (a file name: its extension says the format). */
    public static RecordingInput inMemory(String name, byte[] bytes) {
        return new RecordingInput(Path.of(name), Objects.requireNonNull(bytes));
    }

    /** The file, or the name of the bytes in memory. */
    public Path path() {
        return path;
    }

    public boolean inMemory() {
        return bytes != null;
    }

    /** A present, regular file (always, in memory); otherwise the one-line reason. */
    void checkPresent() {
        if (bytes != null) {
            return;
        }
        if (!Files.exists(path)) {
            throw new TriaxException(path + ": file not found");
        }
        if (!Files.isRegularFile(path)) {
            throw new TriaxException(path + ": not a regular file");
        }
    }

    long size() throws IOException {
        return bytes != null ? bytes.length : Files.size(path);
    }

    InputStream open() throws IOException {
        return bytes != null ? new ByteArrayInputStream(bytes) : Files.newInputStream(path);
    }

    /** An HDF5 file (jHDF; random access, which the bytes in memory give directly). */
    HdfFile hdf() {
        return bytes != null ? HdfFile.fromBytes(bytes) : new HdfFile(path);
    }

    /** A MAT v5 file (MAT File Library). */
    Mat5File mat5() throws IOException {
        return bytes != null ? Mat5.newReader(Sources.wrap(bytes)).readMat() : Mat5.readFromFile(path.toFile());
    }

    /** A WAV file's audio (javax.sound; a stream must support mark/reset, which ByteArrayInputStream does). */
    AudioInputStream audio() throws IOException, UnsupportedAudioFileException {
        return bytes != null ? AudioSystem.getAudioInputStream(open())
                : AudioSystem.getAudioInputStream(path.toFile());
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
