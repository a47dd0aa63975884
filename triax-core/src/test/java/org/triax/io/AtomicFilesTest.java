package org.triax.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.TriaxException;

class AtomicFilesTest {

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesTheWholeContentAndCreatesMissingFolders(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a/b/out.bin");
        byte[] bytes = new byte[3 * 1024 * 1024 + 7];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        AtomicFiles.write(file, bytes);
        assertArrayEquals(bytes, Files.readAllBytes(file));
        assertEquals(List.of("out.bin"), names(file.getParent()), "no temporary file is left");
    }

    @Test
    void neverOverwritesAnExistingFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.triax");
        Files.writeString(file, "earlier result");
        TriaxException e = assertThrows(TriaxException.class,
                () -> AtomicFiles.write(file, "new".getBytes(StandardCharsets.UTF_8)));
        assertEquals(file + " already exists; not overwriting it", e.getMessage());
        assertEquals("earlier result", Files.readString(file));
        assertEquals(List.of("model.triax"), names(dir));
    }

    @Test
    void aNameTakenWhileWritingIsNotReplaced(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("out.json");
        TriaxException e = assertThrows(TriaxException.class, () -> AtomicFiles.write(file, out -> {
            out.write('x');
            Files.writeString(file, "someone else's"); // appears after the check, before the publication
        }));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertEquals("someone else's", Files.readString(file));
        assertEquals(List.of("out.json"), names(dir));
    }

    @Test
    void aFailingWriterLeavesNothingUnderTheNameAndNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("plot.png");
        TriaxException e = assertThrows(TriaxException.class, () -> AtomicFiles.write(file, out -> {
            out.write(new byte[1000]);
            throw new IOException("disk full");
        }));
        assertEquals("cannot write " + file + ": disk full", e.getMessage());
        assertFalse(Files.exists(file));
        assertEquals(List.of(), names(dir));
    }

    @Test
    void writesAFolderWholeIntoAMissingOrEmptyPlaceAndRefusesANonEmptyOne(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("data");
        AtomicFiles.writeFolder(target, tmp -> AtomicFiles.write(tmp.resolve("x/1.csv"), new byte[] {1}));
        assertArrayEquals(new byte[] {1}, Files.readAllBytes(target.resolve("x/1.csv")));
        assertEquals(List.of("data"), names(dir));

        assertThrows(TriaxException.class, () -> AtomicFiles.writeFolder(target,
                tmp -> AtomicFiles.write(tmp.resolve("x/1.csv"), new byte[] {2})));
        assertArrayEquals(new byte[] {1}, Files.readAllBytes(target.resolve("x/1.csv")));

        Path empty = Files.createDirectory(dir.resolve("empty"));
        AtomicFiles.writeFolder(empty, tmp -> AtomicFiles.write(tmp.resolve("f"), new byte[] {3}));
        assertEquals(List.of("f"), names(empty));
        assertEquals(List.of("data", "empty"), names(dir), "no temporary folder is left");
    }

    @Test
    void aFailingFolderWriterLeavesNothing(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("data");
        assertThrows(TriaxException.class, () -> AtomicFiles.writeFolder(target, tmp -> {
            AtomicFiles.write(tmp.resolve("a.csv"), new byte[] {1});
            throw new IOException("interrupted");
        }));
        assertEquals(List.of(), names(dir));
    }

    @Test
    void publishedFilesAndFoldersGetTheUmasksPermissionsNotOwnerOnly(@TempDir Path dir) throws IOException {
        Path plainFile = Files.createFile(dir.resolve("plain"));
        Path plainFolder = Files.createDirectory(dir.resolve("plain-folder"));
        Path file = dir.resolve("model.triax");
        AtomicFiles.write(file, new byte[] {1});
        Path folder = dir.resolve("entry");
        AtomicFiles.writeFolder(folder, tmp -> AtomicFiles.write(tmp.resolve("a.bin"), new byte[] {2}));
        assertEquals(Files.getPosixFilePermissions(plainFile), Files.getPosixFilePermissions(file));
        assertEquals(Files.getPosixFilePermissions(plainFolder), Files.getPosixFilePermissions(folder));
        assertEquals(Files.getPosixFilePermissions(plainFile), Files.getPosixFilePermissions(folder.resolve("a.bin")));
    }
}
