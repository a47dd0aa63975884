package org.triax.studio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A request's uploads: in memory while its memory allowance lasts, then in files; never past the limit. */
class UploadsTest {
    @TempDir
    Path tmp;

    private Uploads.Budget budget(long max, long inMemory) {
        return new Uploads.Budget(max, inMemory, () -> {
            try {
                return Files.createDirectories(tmp.resolve("batch"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static ByteArrayInputStream bytes(int n, int seed) {
        byte[] b = new byte[n];
        new java.util.Random(seed).nextBytes(b);
        return new ByteArrayInputStream(b);
    }

    @Test
    void smallUploadsStayInMemoryAndTheRestGoesToFilesUnderTheirNames() throws IOException {
        Uploads uploads = new Uploads(10_000);
        Uploads.Budget b = budget(10_000, 3000);
        Uploads.Upload first = uploads.keep("a/b/first.csv", bytes(2000, 1), 2000, b); // its length known
        assertTrue(first.input().inMemory());
        assertEquals("first.csv", first.name());
        assertNull(b.dir(), "no folder while everything fits in memory");
        Uploads.Upload second = uploads.keep("second.csv", bytes(2000, 2), -1, b); // past the 3000 bytes of memory
        Uploads.Upload third = uploads.keep("second.csv", bytes(10, 3), -1, b);  // the rest of the request goes to files too
        assertFalse(second.input().inMemory());
        assertFalse(third.input().inMemory());
        assertArrayEquals(bytes(2000, 2).readAllBytes(), Files.readAllBytes(second.input().path()));
        assertArrayEquals(bytes(10, 3).readAllBytes(), Files.readAllBytes(third.input().path()));
        assertEquals("second.csv", third.input().path().getFileName().toString());
        // a body shorter than it said it is: what came, in memory, for the reader to refuse
        assertTrue(uploads.keep("cut.csv", bytes(50, 4), 100, budget(10_000, 3000)).input().inMemory());
        assertTrue(second.input().path().startsWith(b.dir()) && third.input().path().startsWith(b.dir()));
    }

    @Test
    void moreThanTheLimitInAllIsRefusedInMemoryAndInFiles() throws IOException {
        Uploads uploads = new Uploads(5000);
        HttpError inMemory = assertThrows(HttpError.class, () -> uploads.keep("big.csv", bytes(5001, 1), 5001, budget(5000, 8000)));
        assertEquals(413, inMemory.status);
        Uploads.Budget b = budget(5000, 1000);
        uploads.keep("a.csv", bytes(3000, 1), -1, b);
        HttpError inFiles = assertThrows(HttpError.class, () -> uploads.keep("b.csv", bytes(2001, 2), -1, b));
        assertEquals(413, inFiles.status);
        assertTrue(inFiles.getMessage().contains("larger than the limit of 5000 bytes"), inFiles.getMessage());
    }
}
