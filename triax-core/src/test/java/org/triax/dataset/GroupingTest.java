package org.triax.dataset;

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

class GroupingTest {

    private static DatasetIndex index(Path root, String... files) throws IOException {
        for (String f : files) {
            Path p = root.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "x,y\n1,2\n");
        }
        return DatasetIndex.scan(root);
    }

    @Test
    void aRegexNamesTheGroupByItsFirstCaptureGroupElseTheMatch(@TempDir Path root) throws IOException {
        DatasetIndex index = index(root, "healthy/h30hz0.csv", "healthy/h30hz90.csv", "broken/b30hz0.csv",
                "broken/b30hz90.csv");
        // sorted index order: broken/b30hz0, broken/b30hz90, healthy/h30hz0, healthy/h30hz90
        assertEquals(List.of("0", "90", "0", "90"), Grouping.byPattern("hz(\\d+)").groupsOf(index));
        assertEquals(List.of("hz0", "hz90", "hz0", "hz90"), Grouping.byPattern("hz\\d+").groupsOf(index));
    }

    @Test
    void aRecordingTheRegexMissesIsNamed(@TempDir Path root) throws IOException {
        DatasetIndex index = index(root, "a/m1_x.csv", "b/other.csv");
        TriaxException e = assertThrows(TriaxException.class, () -> Grouping.byPattern("m(\\d)_").groupsOf(index));
        assertTrue(e.getMessage().contains("does not match b/other.csv"), e.getMessage());
        assertThrows(TriaxException.class, () -> Grouping.byPattern("(unclosed"));
    }

    @Test
    void aManifestGivesEachFileItsGroupAndMustCoverEveryRecording(@TempDir Path root) throws IOException {
        DatasetIndex index = index(root, "a/1.csv", "a/2.csv", "b/3.csv");
        Path manifest = root.resolve("groups.csv");
        Files.writeString(manifest, "File,Group,notes\na/1.csv,m1,first\n\"a/2.csv\",m2,\nb/3.csv, m1 ,x\n");
        assertEquals(List.of("m1", "m2", "m1"), Grouping.byManifest(manifest).groupsOf(index));

        Files.writeString(manifest, "file,group\na/1.csv,m1\nb/3.csv,m2\n");
        TriaxException missing = assertThrows(TriaxException.class, () -> Grouping.byManifest(manifest).groupsOf(index));
        assertTrue(missing.getMessage().contains("has no group for a/2.csv"), missing.getMessage());

        Files.writeString(manifest, "name,machine\na/1.csv,m1\n");
        TriaxException columns = assertThrows(TriaxException.class, () -> Grouping.byManifest(manifest).groupsOf(index));
        assertTrue(columns.getMessage().contains("needs the columns file and group"), columns.getMessage());
    }

    @Test
    void triaxPropertiesCanGroupTheDataset(@TempDir Path root) throws IOException {
        DatasetIndex index = index(root, "a/run1_1.csv", "b/run2_1.csv");
        Files.writeString(root.resolve("triax.properties"), "group-by=run(\\\\d+)\n");
        Grouping g = DatasetProperties.read(root).grouping();
        assertEquals(List.of("1", "2"), g.groupsOf(index));
        Files.writeString(root.resolve("triax.properties"), "group-by=x\ngroups=g.csv\n");
        assertThrows(TriaxException.class, () -> DatasetProperties.read(root));
    }
}
