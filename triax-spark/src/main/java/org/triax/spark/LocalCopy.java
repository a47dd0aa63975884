package org.triax.spark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.hadoop.conf.Configuration;

/**
 * A recording from any Hadoop file system as a local temporary file, for the core's readers:
 * they read from a {@link Path} (MAT and HDF5 need random access), so a stream entry point would
 * not serve every format. The copy keeps the file's name, whose ending picks the reader, and is
 * deleted on close.
 */
final class LocalCopy implements AutoCloseable {
    private final Path dir;
    private final Path file;

    private LocalCopy(Path dir, Path file) {
        this.dir = dir;
        this.file = file;
    }

    static LocalCopy of(String uri, Configuration conf) throws IOException {
        org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(uri);
        Path dir = Files.createTempDirectory("triax-spark-");
        Path file = dir.resolve(RecordingUris.name(uri));
        try (InputStream in = source.getFileSystem(conf).open(source)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
            throw e;
        }
        return new LocalCopy(dir, file);
    }

    Path file() {
        return file;
    }

    /** {@code message} with the temporary path replaced by the recording's own. */
    String original(String message, String uri) {
        return message.replace(file.toString(), uri);
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }
}
