package org.triax.studio;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * spectrograms of their recordings without uploading them again. Older batches are dropped, and
 * the folders of those whose uploads did not fit in memory ({@link Uploads}) deleted.
 */
final class Predictions {
    /** One request's recordings and verdicts; {@code dir} holds those saved to files (null: none). */
    record Batch(String id, String model, ModelStore.ReadSettings settings, Path dir, List<Uploads.Upload> uploads,
                 List<Verdict> verdicts) {
    }

    /**
     * Batches kept. A page shows the latest; more kept recordings would stay in the young generation
     * of the serial collector (jvm.options), overflow its survivor space and fill the old one, whose
     * collections (~40 ms) were the p99 of many small requests with 32 kept.
     */
    static final int KEPT = 8;
    private final Path root;
    private final AtomicLong next = new AtomicLong();
    /** Old batches are deleted off the request's path. */
    private final ExecutorService cleaner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "triax-studio-cleanup");
        t.setDaemon(true);
        return t;
    });
    private final Lru<String, Batch> batches = new Lru<>(KEPT, b -> discard(b.dir()));

    /** @param root where the folders of batches too large for memory go */
    Predictions(Path root) {
        this.root = root;
    }

    /** The next batch's id. */
    String nextId() {
        return "p" + next.incrementAndGet();
    }

    /** A new, empty folder for the files of batch {@code id}. */
    Path newFolder(String id) {
        try {
            return Files.createDirectories(root.resolve(id));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a folder for the upload: " + e.getMessage(), e);
        }
    }

    void keep(Batch b) {
        batches.put(b.id(), b);
    }

    Batch get(String id) {
        Batch b = batches.get(id);
        if (b == null) {
            throw HttpError.notFound("no prediction '" + id + "' (only the last " + KEPT + " are kept)");
        }
        return b;
    }

    /** Deletes a batch's folder (null: none) in the background. */
    void discard(Path dir) {
        if (dir == null) {
            return;
        }
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
