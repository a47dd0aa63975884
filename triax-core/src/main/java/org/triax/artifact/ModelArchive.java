package org.triax.artifact;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.triax.TriaxException;
import org.triax.io.AtomicFiles;

/**
 * The container of every kind of model file: a zip whose {@code triax-model.json} entry says what
 * the model is, beside its weight entries. Written whole or not at all, never over a file.
 */
final class ModelArchive {
    static final String METADATA_ENTRY = "triax-model.json";

    private ModelArchive() {
    }

    /** Writes the entries, in order, to {@code file} (which must not exist). */
    static void write(Path file, Map<String, byte[]> entries) {
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    /** Every entry of a model file, by name; a file that is no zip is "not a triax model". */
    static Map<String, byte[]> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new TriaxException("model file " + file + " does not exist");
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new TriaxException(file + ": not a triax model (not a readable model archive: " + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new TriaxException(file + ": unreadable model file (" + e.getMessage() + ")", e);
        }
        if (!entries.containsKey(METADATA_ENTRY)) {
            throw new TriaxException(file + ": not a triax model (missing " + METADATA_ENTRY + ")");
        }
        return entries;
    }
}
