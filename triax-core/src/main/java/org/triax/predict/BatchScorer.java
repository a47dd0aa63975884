package org.triax.predict;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.triax.TriaxException;

/**
 * Scores a batch of recording files on {@code threads} threads, each with its own
 * {@link RecordingScorer} (a scorer's network serves one thread at a time), and hands the verdicts
 * to a {@link VerdictSink} in input order as they are ready. At most {@link #maxInFlight} files are
 * between being started and being written, whatever the batch's size: {@code threads} of them in
 * memory being scored (long files stream, {@link RecordingScorer#STREAM_BYTES}), the others
 * finished verdicts waiting for an earlier file. A file that cannot be read or scored becomes an
 * error row ({@link Verdict#failed}) and the batch goes on. Library entry point of
 * {@code triax predict} and of other drivers (a Spark partition, a service).
 */
public final class BatchScorer implements AutoCloseable {

    /** What a batch did. */
    public record Summary(int scored, int failed, int skipped) {
    }

    private final Supplier<RecordingScorer> open;
    private final int threads;
    private final ExecutorService pool;
    private final List<RecordingScorer> opened = Collections.synchronizedList(new ArrayList<>());
    private final ThreadLocal<RecordingScorer> own;
    private final List<String> classes;
    private final String origin;
    /** Files handed to a scoring thread so far (BatchScorerTest checks the bound on files in flight). */
    private final AtomicInteger started = new AtomicInteger();

    /**
     * @param open opens one scorer (called once here, for the classes, and once per further
     *     thread; each is closed with this batch scorer)
     */
    public BatchScorer(Supplier<RecordingScorer> open, int threads) {
        if (threads < 1) {
            throw new TriaxException("--threads must be at least 1, got " + threads);
        }
        this.open = open;
        this.threads = threads;
        RecordingScorer first = open.get();
        opened.add(first);
        this.classes = first.metadata().classes();
        this.origin = first.origin();
        ArrayDeque<RecordingScorer> spare = new ArrayDeque<>(List.of(first));
        this.own = ThreadLocal.withInitial(() -> {
            synchronized (spare) {
                if (!spare.isEmpty()) {
                    return spare.pop();
                }
            }
            RecordingScorer s = this.open.get();
            opened.add(s);
            return s;
        });
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "triax-score-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The model's classes (the columns of CSV and Parquet output). */
    public List<String> classes() {
        return classes;
    }

    /** Who writes the verdicts ({@link RecordingScorer#origin}): what an output to be resumed must have been written by. */
    public String origin() {
        return origin;
    }

    public int threads() {
        return threads;
    }

    /** Files started but not yet written, at most: two per thread, so no thread waits for the writer. */
    public int maxInFlight() {
        return 2 * threads;
    }

    /**
     * Scores {@code files} in order, skipping those named in {@code skip} (by {@link Path#toString},
     * as {@link Verdict#recording} names them), and writes each verdict to {@code sink} on this
     * thread in input order.
     *
     * @param failures told of each error row as it is written (for a line on stderr)
     */
    public Summary score(List<Path> files, Set<String> skip, VerdictSink sink, Consumer<Verdict> failures) {
        ArrayDeque<Future<Verdict>> inFlight = new ArrayDeque<>();
        int[] counts = new int[2];
        int skipped = 0;
        try {
            for (Path f : files) {
                if (skip.contains(f.toString())) {
                    skipped++;
                    continue;
                }
                if (inFlight.size() == maxInFlight()) {
                    write(inFlight.poll(), sink, failures, counts);
                }
                inFlight.add(pool.submit(() -> scoreOne(f)));
            }
            while (!inFlight.isEmpty()) {
                write(inFlight.poll(), sink, failures, counts);
            }
        } finally {
            inFlight.forEach(x -> x.cancel(true));
        }
        return new Summary(counts[0], counts[1], skipped);
    }

    /** Files handed to a scoring thread so far. */
    int started() {
        return started.get();
    }

    private Verdict scoreOne(Path f) {
        started.incrementAndGet();
        try {
            return own.get().score(f);
        } catch (TriaxException bad) {
            // one bad file does not stop a batch: it is reported in the output (and by the caller)
            return Verdict.failed(f.toString(), classes, TriaxException.oneLine(bad.getMessage()));
        }
    }

    private static void write(Future<Verdict> next, VerdictSink sink, Consumer<Verdict> failures, int[] counts) {
        Verdict v;
        try {
            v = next.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scoring", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
        sink.write(v);
        if (v.ok()) {
            counts[0]++;
        } else {
            counts[1]++;
            failures.accept(v);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            // a scorer still running (after an error elsewhere) must finish before its network is closed
            pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (opened) {
            opened.forEach(RecordingScorer::close);
        }
    }
}
