package org.triax.studio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.triax.predict.Verdict;

/**
 * The last prediction batches, so that a page can download their verdicts (CSV, JSON) and show the
 * spectrograms of their recordings without uploading them again. Older batches are deleted. Small
 * uploads are saved in memory (tmpfs, /dev/shm) where there is one: on a disk file system,
 * deleting a file costs milliseconds, more than scoring a short recording.
 */
final class Predictions {
    /** One request's recordings and verdicts. */
    record Batch(String id, String model, ModelStore.ReadSettings settings, Path dir, List<Uploads.Upload> uploads,
                 List<Verdict> verdicts) {
    }

    /** Requests up to this size go to memory: at most 32 kept batches of it. */
    static final long IN_MEMORY = 4L << 20;
    private final Path root;
    private final Path memory;
    private final AtomicLong next = new AtomicLong();
    /** Old batches are deleted off the request's path. */
    private final ExecutorService cleaner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "triax-studio-cleanup");
        t.setDaemon(true);
        return t;
    });
    private final Lru<String, Batch> batches = new Lru<>(32, b -> discard(b.dir()));

    /**
     * @param root on disk
     * @param memory on a memory file system (null: none)
     */
    Predictions(Path root, Path memory) {
        this.root = root;
        this.memory = memory;
    }

    /** A new, empty folder for the next batch's uploads of {@code bytes} in all (-1: unknown), and its id. */
    Path newFolder(String[] id, long bytes) throws IOException {
        id[0] = "p" + next.incrementAndGet();
        boolean small = bytes >= 0 && bytes <= IN_MEMORY;
        return Files.createDirectories((small && memory != null ? memory : root).resolve(id[0]));
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

    /** Deletes a batch's folder in the background. */
    void discard(Path dir) {
        try {
            cleaner.execute(() -> delete(dir));
        } catch (RejectedExecutionException closed) {
            delete(dir);
        }
    }

    void close() {
        cleaner.shutdown();
        try {
            cleaner.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
