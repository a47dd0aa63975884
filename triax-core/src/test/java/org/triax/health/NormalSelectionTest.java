package org.triax.health;

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

/** Which recordings a baseline takes as normal. */
class NormalSelectionTest {
    @TempDir
    Path dir;

    private void touch(String rel) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "1\n2\n");
    }

    @Test
    void aFlatFolderIsAllNormalAndNamedAfterTheFolder() throws IOException {
        touch("pump7/10.csv");
        touch("pump7/2.csv");
        touch("pump7/README.md");
        NormalSelection s = NormalSelection.of(dir.resolve("pump7"), null);
        assertEquals("pump7", s.normalClass());
        assertEquals(List.of("2.csv", "10.csv"), s.files());
        assertEquals(List.of("pump7"), s.index().classes());
    }

    @Test
    void aLabelledFolderNeedsTheNormalClassNamedWhenItHasSeveral() throws IOException {
        touch("normal/a.csv");
        touch("faulty/b.csv");
        TriaxException e = assertThrows(TriaxException.class, () -> NormalSelection.of(dir, null));
        assertTrue(e.getMessage().contains("has class folders faulty, normal: say which one holds the normal recordings "
                + "with --normal-class NAME"), e.getMessage());
        NormalSelection s = NormalSelection.of(dir, "normal");
        assertEquals(List.of("normal/a.csv"), s.files());
        assertEquals(0, s.index().files().get(0).label());
        TriaxException unknown = assertThrows(TriaxException.class, () -> NormalSelection.of(dir, "healthy"));
        assertTrue(unknown.getMessage().contains("has no class folder 'healthy' (classes: faulty, normal)"), unknown.getMessage());
    }

    @Test
    void theStartOfARunInTimeOrder() throws IOException {
        for (int k = 1; k <= 12; k++) {
            touch("run/" + k + ".csv");
        }
        NormalSelection s = NormalSelection.runStart(dir.resolve("run"), 0.25);
        assertEquals(List.of("1.csv", "2.csv", "3.csv"), s.files());
        assertTrue(s.description().startsWith("the first 25% of run"), s.description());
        TriaxException none = assertThrows(TriaxException.class, () -> NormalSelection.runStart(dir.resolve("run"), 0.01));
        assertTrue(none.getMessage().contains("the first 1% of 12 snapshots is none"), none.getMessage());
    }
}
