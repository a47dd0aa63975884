package org.triax.studio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.triax.predict.Verdict;

/**
 * The last prediction batches, so that a page can download their verdicts (CSV, JSON) and show the
 * spectrograms of their recordings without uploading them again. Older batches are deleted.
 */
final class Predictions {
    /** One request's recordings and verdicts. */
    record Batch(String id, String model, ModelStore.ReadSettings settings, Path dir, List<Uploads.Upload> uploads,
                 List<Verdict> verdicts) {
    }

    private final Path root;
    private final AtomicLong next = new AtomicLong();
    private final Lru<String, Batch> batches = new Lru<>(32, b -> delete(b.dir()));

    Predictions(Path root) {
        this.root = root;
    }

    /** A new, empty folder for the next batch's uploads, and its id. */
    Path newFolder(String[] id) throws IOException {
        id[0] = "p" + next.incrementAndGet();
        return Files.createDirectories(root.resolve(id[0]));
    }

    void keep(Batch b) {
        batches.put(b.id(), b);
    }

    Batch get(String id) {
        Batch b = batches.get(id);
        if (b == null) {
            throw HttpError.notFound("no prediction '" + id + "' (only the last 32 are kept)");
        }
        return b;
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // scratch space: the studio's temporary folder goes at shutdown
        }
    }
}
