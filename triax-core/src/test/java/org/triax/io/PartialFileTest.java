package org.triax.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.TriaxException;

/** Lines written as they come, resumed after a crash by the writer that started them, and by no other. */
class PartialFileTest {
    @TempDir
    Path dir;

    @Test
    void aResumeKeepsTheCompleteLinesAndCutsATornOne() throws IOException {
        Path file = dir.resolve("rows.csv");
        try (PartialFile f = PartialFile.create(file, "model A")) {
            f.append("h\n1\n2");
        }
        try (PartialFile f = PartialFile.resume(file, "model A")) {
            assertEquals("h\n1\n", f.lines());
            f.append("2\n3\n");
            f.publish(file);
        }
        assertEquals("h\n1\n2\n3\n", Files.readString(file));
        assertFalse(Files.exists(PartialFile.partialOf(file)));
        assertFalse(Files.exists(PartialFile.originOf(file)), "the note of the writer goes with the partial file");
    }

    @Test
    void anotherWriterCannotResumeAndTheRowsStayAsTheyWere() throws IOException {
        Path file = dir.resolve("rows.csv");
        try (PartialFile f = PartialFile.create(file, "model A; fs 1000")) {
            f.append("h\n1\n");
        }
        TriaxException e = assertThrows(TriaxException.class, () -> PartialFile.resume(file, "model B; fs 1000"));
        assertEquals(PartialFile.partialOf(file) + " was started by another model or with other options (model A; fs 1000; "
                + "this run: model B; fs 1000): resume with the interrupted run's model and options, or write to another "
                + "output", e.getMessage());
        assertEquals("h\n1\n", Files.readString(PartialFile.partialOf(file)));
        try (PartialFile f = PartialFile.resume(file, "model A; fs 1000")) {
            assertEquals("h\n1\n", f.lines());
            f.discard();
        }
        assertFalse(Files.exists(PartialFile.partialOf(file)) || Files.exists(PartialFile.originOf(file)));
    }

    @Test
    void aPartialFileWithoutANoteIsResumedAndANoteWithoutAFileIsReplaced() throws IOException {
        Path file = dir.resolve("rows.csv");
        Files.writeString(PartialFile.partialOf(file), "h\n"); // written before writers were noted
        try (PartialFile f = PartialFile.resume(file, "model A")) {
            assertEquals("h\n", f.lines());
            f.discard();
        }
        Files.writeString(PartialFile.originOf(file), "model Z\n"); // its partial file was deleted by hand
        try (PartialFile f = PartialFile.create(file, "model A")) {
            f.append("h\n");
        }
        assertEquals("model A\n", Files.readString(PartialFile.originOf(file)));
    }
}
