package org.triax.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.TriaxException;

class DatasetIndexTest {

    @TempDir
    Path root;

    private Path write(String relative) throws IOException {
        return write(relative, "1,2,3\n4,5,6\n");
    }

    private Path write(String relative, String text) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    private static List<String> relativePaths(DatasetIndex index) {
        return index.files().stream().map(LabelledFile::relativePath).toList();
    }

    @Test
    void classFoldersAreSortedAndLabelledInThatOrder() throws IOException {
        // created out of order: the listing order of the file system must not matter
        write("zeta/z1.csv");
        write("alpha/a1.csv");
        write("mid/m2.csv");
        write("mid/m1.csv");
        DatasetIndex index = DatasetIndex.scan(root);
        assertEquals(List.of("alpha", "mid", "zeta"), index.classes());
        assertEquals(List.of("alpha/a1.csv", "mid/m1.csv", "mid/m2.csv", "zeta/z1.csv"), relativePaths(index));
        assertEquals(List.of(0, 1, 1, 2), index.files().stream().map(LabelledFile::label).toList());
        assertArrayEquals(new int[] {1, 2, 1}, index.countsPerClass());
        assertEquals(root, index.root());
        assertEquals(root.resolve("mid/m1.csv"), index.files().get(1).path());
    }

    @Test
    void strayDocumentationAndPropertiesFilesAreIgnoredBesideAndInsideClassFolders() throws IOException {
        write("healthy/h1.csv");
        write("faulty/f1.csv");
        for (String stray : List.of("README.md", "PROVENANCE.md", "notes.txt", DatasetProperties.FILE_NAME)) {
            write(stray, "not a recording\n");
            write("healthy/" + stray, "not a recording\n");
            write("faulty/" + stray, "not a recording\n");
        }
        DatasetIndex index = DatasetIndex.scan(root);
        assertEquals(List.of("faulty", "healthy"), index.classes());
        assertEquals(List.of("faulty/f1.csv", "healthy/h1.csv"), relativePaths(index));
    }

    @Test
    void hiddenFoldersAndFilesAreIgnoredAtEveryLevel() throws IOException {
        write("healthy/h1.csv");
        write("faulty/f1.csv");
        write(".git/objects/x.csv");        // hidden folder beside the classes: not a class
        write(".cache/c.csv");
        write("healthy/.hidden.csv");        // hidden file inside a class
        write("healthy/.ipynb_checkpoints/h1-checkpoint.csv"); // hidden sub-folder inside a class
        write("faulty/run2/.snap/f2.csv");  // hidden folder deeper down
        DatasetIndex index = DatasetIndex.scan(root);
        assertEquals(List.of("faulty", "healthy"), index.classes());
        assertEquals(List.of("faulty/f1.csv", "healthy/h1.csv"), relativePaths(index));
    }

    @Test
    void recordingsInNestedSubFoldersBelongToTheirClassFolder() throws IOException {
        write("healthy/h1.csv");
        write("healthy/day2/h2.csv");
        write("healthy/day2/sensor_b/h3.tsv");
        write("faulty/2024/01/f1.csv.gz", "ignored content");
        DatasetIndex index = DatasetIndex.scan(root);
        assertEquals(List.of("faulty", "healthy"), index.classes());
        assertEquals(List.of("faulty/2024/01/f1.csv.gz", "healthy/day2/h2.csv", "healthy/day2/sensor_b/h3.tsv",
                "healthy/h1.csv"), relativePaths(index));
        assertArrayEquals(new int[] {1, 3}, index.countsPerClass());
    }

    @Test
    void missingFolderIsAnError() {
        Path missing = root.resolve("nope");
        TriaxException e = assertThrows(TriaxException.class, () -> DatasetIndex.scan(missing));
        assertEquals("data folder " + missing + " does not exist", e.getMessage());
    }

    @Test
    void fileInsteadOfAFolderIsAnError() throws IOException {
        Path file = write("data.csv");
        TriaxException e = assertThrows(TriaxException.class, () -> DatasetIndex.scan(file));
        assertTrue(e.getMessage().contains(file + " is not a folder"), e.getMessage());
    }

    @Test
    void folderWithoutClassFoldersIsAnError() throws IOException {
        write("a.csv");
        write("README.md", "hi");
        write(".hidden/x.csv");
        TriaxException e = assertThrows(TriaxException.class, () -> DatasetIndex.scan(root));
        assertTrue(e.getMessage().contains("has no class folders"), e.getMessage());
        assertTrue(e.getMessage().contains(root.toString()), e.getMessage());
    }

    @Test
    void classFolderWithoutRecordingsIsAnErrorNamingIt() throws IOException {
        write("healthy/h1.csv");
        write("faulty/README.md", "to do");
        write("faulty/.hidden/f1.csv");
        TriaxException e = assertThrows(TriaxException.class, () -> DatasetIndex.scan(root));
        assertTrue(e.getMessage().startsWith("class folder " + root.resolve("faulty") + " has no recordings"),
                e.getMessage());
        assertTrue(e.getMessage().contains(".csv"), "lists the supported extensions: " + e.getMessage());
    }

    @Test
    void emptyClassFolderIsAnError() throws IOException {
        write("healthy/h1.csv");
        Files.createDirectories(root.resolve("faulty"));
        TriaxException e = assertThrows(TriaxException.class, () -> DatasetIndex.scan(root));
        assertTrue(e.getMessage().contains("faulty"), e.getMessage());
        assertTrue(e.getMessage().contains("has no recordings"), e.getMessage());
    }

    @Test
    void singleClassIsAnError() throws IOException {
        write("healthy/h1.csv");
        write("healthy/h2.csv");
        write(".git/x.csv");
        TriaxException e = assertThrows(TriaxException.class, () -> DatasetIndex.scan(root));
        assertTrue(e.getMessage().contains("only one class folder (healthy)"), e.getMessage());
        assertTrue(e.getMessage().contains("at least two"), e.getMessage());
    }
}
