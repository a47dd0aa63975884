package org.triax.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.triax.artifact.EpochStats;
import org.triax.artifact.TrainConfig;
import org.triax.dataset.DataOptions;
import org.triax.model.Design;
import org.triax.train.RunOptions;
import org.triax.train.TrainJob;
import org.triax.train.TrainingListener;

/**
 * Both training paths in one JVM, in short turns: a thread trains from the cache, another in
 * memory, only one of them runs at a time, and they hand over every {@link #TURN_BATCHES} batches
 * and at the end of every epoch, the order alternating per round. Each side's epoch time is its own
 * running time, so every stretch of the other jobs on a shared machine falls on both sides alike.
 * Two JVMs in lockstep, epoch by epoch (the earlier form of bench/ooc.sh), disagreed from run to run
 * (1.02, 0.78, 5.85): on the shared 2-core machine one process ran up to 4x slower than the other for
 * minutes, in CPU time per epoch too, whichever went first in a round. The first epoch (preparation,
 * warm-up) is left out; the ratio is the memory side's running time over the cache side's. The
 * threads share the engine's random generator (dropout), so their weights are not compared here.
 */
final class OocPairBench {
    /** Batches per turn: a fraction of a second each, so both sides see the same load. */
    static final int TURN_BATCHES = 16;

    private OocPairBench() {
    }

    /** One side: its thread, its turns and its own running time. */
    private static final class Side {
        final String name;
        final Semaphore turn = new Semaphore(0);
        final Semaphore done = new Semaphore(0);
        final List<Double> epochSeconds = new ArrayList<>();
        volatile boolean finished;
        volatile Throwable failed;
        private long running;
        private long since;

        Side(String name) {
            this.name = name;
        }

        void begin() {
            turn.acquireUninterruptibly();
            since = System.nanoTime();
        }

        /** Ends this turn and waits for the next. */
        void handOver() {
            running += System.nanoTime() - since;
            done.release();
            begin();
        }

        void epochDone() {
            running += System.nanoTime() - since;
            epochSeconds.add(running / 1e9);
            running = 0;
            since = System.nanoTime();
            handOver();
        }
    }

    static void run(DataOptions o, Path cache, Path out, int epochs) throws Exception {
        Side[] sides = {new Side("cache"), new Side("memory")};
        RunOptions[] runs = {new RunOptions(cache, false, false, null), RunOptions.IN_MEMORY};
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Side me = sides[i];
            RunOptions run = runs[i];
            TrainingListener paced = new TrainingListener() {
                @Override
                public void batch(int epoch, int total, int batch, int batches, double loss) {
                    if (batch % TURN_BATCHES == 0 && batch < batches) {
                        me.handOver();
                    }
                }

                @Override
                public void epoch(EpochStats s, int total, boolean best) {
                    me.epochDone();
                }
            };
            Thread t = new Thread(() -> {
                try {
                    me.begin();
                    TrainJob.run(o, List.of(Design.FUSED), new TrainConfig(epochs, 32, 1e-3f, 1, false), out.resolve(me.name),
                            run, paced, quiet);
                } catch (Throwable e) {
                    me.failed = e;
                } finally {
                    me.finished = true;
                    me.done.release(); // the driver waits for the end of a turn, also the last or a failed one
                }
            }, "train-" + me.name);
            t.start();
            threads.add(t);
        }
        for (int round = 0; !(sides[0].finished && sides[1].finished); round++) {
            for (int k = 0; k < 2; k++) {
                Side s = sides[(round + k) % 2]; // cache first in even rounds, memory first in odd ones
                if (s.finished) {
                    continue;
                }
                s.turn.release();
                s.done.acquire();
                if (s.failed != null) {
                    throw new IllegalStateException(s.name + " side failed", s.failed);
                }
            }
        }
        for (Thread t : threads) {
            t.join();
        }
        List<Double> c = sides[0].epochSeconds.subList(1, epochs);
        List<Double> m = sides[1].epochSeconds.subList(1, epochs);
        double[] perEpoch = new double[c.size()];
        for (int e = 0; e < perEpoch.length; e++) {
            perEpoch[e] = m.get(e) / c.get(e);
        }
        System.out.println(BenchMain.json("bench", "ooc-pair", "epochs_paired", perEpoch.length, "turn_batches", TURN_BATCHES,
                "ratio", sum(m) / sum(c), "ratio_median", BenchMain.median(perEpoch),
                "ratio_min", Arrays.stream(perEpoch).min().orElse(Double.NaN),
                "ratio_max", Arrays.stream(perEpoch).max().orElse(Double.NaN),
                "cache_epoch_s", sides[0].epochSeconds, "memory_epoch_s", sides[1].epochSeconds));
    }

    private static double sum(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).sum();
    }
}
