package org.triax.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.TriaxException;

class FingerprintTest {

    @TempDir
    Path root;

    private String original;

    @BeforeEach
    void writeDataset() throws IOException {
        write("healthy/h0.csv", "X,Y\n1,2\n3,4\n");
        write("healthy/day2/h1.csv", "X,Y\n5,6\n7,8\n");
        write("faulty/f0.csv", "X,Y\n9,8\n7,6\n");
        original = fingerprint();
    }

    private void write(String relative, String text) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private String fingerprint() {
        return Fingerprint.of(DatasetIndex.scan(root));
    }

    @Test
    void isASha256HexDigestAndStableAcrossScans() {
        assertTrue(original.matches("sha256:[0-9a-f]{64}"), original);
        assertEquals(original, fingerprint());
    }

    @Test
    void changesWhenOneByteOfARecordingChanges() throws IOException {
        Path f = root.resolve("healthy/day2/h1.csv");
        byte[] bytes = Files.readAllBytes(f);
        bytes[bytes.length - 2] ^= 1; // '8' -> '9'
        Files.write(f, bytes);
        assertNotEquals(original, fingerprint());
        bytes[bytes.length - 2] ^= 1;
        Files.write(f, bytes);
        assertEquals(original, fingerprint(), "restoring the byte restores the fingerprint");
    }

    @Test
    void changesWhenARecordingIsRenamed() throws IOException {
        Files.move(root.resolve("faulty/f0.csv"), root.resolve("faulty/f9.csv"));
        assertNotEquals(original, fingerprint());
    }

    @Test
    void changesWhenARecordingMovesToAnotherClass() throws IOException {
        Files.move(root.resolve("healthy/day2/h1.csv"), root.resolve("faulty/h1.csv"));
        assertNotEquals(original, fingerprint());
    }

    @Test
    void changesWhenARecordingIsAddedOrRemoved() throws IOException {
        write("faulty/f1.csv", "X,Y\n0,0\n");
        String added = fingerprint();
        assertNotEquals(original, added);
        Files.delete(root.resolve("faulty/f1.csv"));
        assertEquals(original, fingerprint());
    }

    @Test
    void ignoresModificationTimesAndFilesThatAreNotRecordings() throws IOException {
        Files.setLastModifiedTime(root.resolve("faulty/f0.csv"), FileTime.fromMillis(0));
        write("README.md", "about this data");
        write("healthy/notes.txt", "sensor 2 was loose");
        write(DatasetProperties.FILE_NAME, "fs=1000\n");
        write("healthy/.hidden.csv", "X,Y\n1,1\n");
        assertEquals(original, fingerprint());
    }

    @Test
    void sameDataInAnotherFolderHasTheSameFingerprint(@TempDir Path elsewhere) throws IOException {
        for (String rel : new String[] {"healthy/h0.csv", "healthy/day2/h1.csv", "faulty/f0.csv"}) {
            Path to = elsewhere.resolve(rel);
            Files.createDirectories(to.getParent());
            Files.copy(root.resolve(rel), to);
        }
        assertEquals(original, Fingerprint.of(DatasetIndex.scan(elsewhere)));
    }

    @Test
    void unreadableRecordingIsAnErrorNamingIt() throws IOException {
        DatasetIndex index = DatasetIndex.scan(root);
        Path gone = root.resolve("faulty/f0.csv");
        Files.delete(gone);
        TriaxException e = assertThrows(TriaxException.class, () -> Fingerprint.of(index));
        assertTrue(e.getMessage().startsWith(gone + ": unreadable"), e.getMessage());
    }
}
