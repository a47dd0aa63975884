package org.triax.spark;

import ai.onnxruntime.OrtEnvironment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.triax.TriaxException;
import org.triax.onnx.OnnxNetwork;
import org.triax.predict.RecordingScorer;
import org.triax.predict.ScoringModel;
import org.triax.signal.ReadOptions;

/**
 * One scorer per model per executor JVM, whatever the number of partitions and tasks: an ONNX
 * Runtime session costs a model load and its own thread pool, and one session serves concurrent
 * tasks ({@link OnnxNetwork} is thread-safe). The scorers live as long as the executor.
 */
final class ExecutorModels {
    /** Stack of the thread that starts ONNX Runtime (see {@link #startOnnxRuntime}). */
    static final long ORT_START_STACK = 64L << 20;

    private static final Map<String, RecordingScorer> SCORERS = new ConcurrentHashMap<>();
    /** The intra-op thread count of each open session (ScoreJobTest). */
    private static final Map<String, Integer> THREADS = new ConcurrentHashMap<>();

    private ExecutorModels() {
    }

    /**
     * The scorer of {@code model} in this JVM, made on first use.
     *
     * @param threads ONNX Runtime intra-op threads ({@code spark.task.cpus})
     */
    static RecordingScorer scorer(ModelBytes model, ReadOptions read, int threads) {
        String key = model.key() + "|" + read.sampleRate() + "|" + read.variable() + "|" + threads;
        return SCORERS.computeIfAbsent(key, k -> {
            startOnnxRuntime();
            OnnxNetwork net = OnnxNetwork.fromBytes(model.bytes(), model.path(), threads);
            THREADS.put(k, threads);
            return new RecordingScorer(new ScoringModel(net.metadata(), net, model.path() + " on " + net.engine()),
                    List.of(), read, Double.NaN);
        });
    }

    /** Scorers (each one ONNX Runtime session) open in this JVM. */
    static int open() {
        return SCORERS.size();
    }

    /** The intra-op thread counts the open sessions were given. */
    static java.util.Set<Integer> intraOpThreads() {
        return java.util.Set.copyOf(THREADS.values());
    }

    /**
     * Starts ONNX Runtime's environment on a thread with a 64 MB stack. ONNX Runtime Java 1.29.0
     * crashes the JVM (SIGSEGV, no hs_err file) at environment start when the process command line
     * is longer than about 3.9 KB, as a cluster manager's executor command line can be; on a large
     * stack it starts. Later calls on any thread reuse the environment.
     */
    static void startOnnxRuntime() {
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                OrtEnvironment.getEnvironment();
            } catch (Throwable e) {
                failed.set(e);
            }
        }, "triax-ort-start", ORT_START_STACK);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TriaxException("interrupted while starting ONNX Runtime", e);
        }
        if (failed.get() != null) {
            throw new TriaxException("ONNX Runtime cannot start: " + failed.get(), failed.get());
        }
    }
}
