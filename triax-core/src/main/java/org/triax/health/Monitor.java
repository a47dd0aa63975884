package org.triax.health;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.triax.TriaxException;
import org.triax.artifact.AnomalyModelMetadata;
import org.triax.io.Sha256;
import org.triax.signal.Recording;

/**
 * {@code triax monitor}: scores every snapshot of a run in time order with an anomaly model, gives
 * each its health index (median window score / threshold) per detector, the smoothed trend and the
 * alarm state ({@link AlarmRule}), and writes them as CSV, JSON and a PNG under a reserved name
 * ({@link MonitorOutput}). Snapshots are scored on several threads, at most
 * {@link InOrder#maxInFlight} of them in memory, and their CSV rows written in time order as they are
 * done; a snapshot that cannot be scored is a row with its error, and the run goes on.
 */
public final class Monitor {

    /**
     * @param persist snapshots in a row above the threshold before the alarm (null: the model's)
     * @param detector the detector that raises the alarm (null: the model's)
     * @param intervalSeconds time between snapshots when the run does not say (NaN: unknown)
     * @param threads snapshots scored at once (0: every available processor)
     * @param resume continue the interrupted run of the same run folder in the output folder
     */
    public record Options(Integer persist, String detector, double intervalSeconds, int threads, boolean resume) {
        public Options {
            if (threads < 0) {
                throw new TriaxException("--threads must be at least 1, got " + threads);
            }
        }

        /** On every available processor. */
        public Options(Integer persist, String detector, double intervalSeconds) {
            this(persist, detector, intervalSeconds, 0, false);
        }
    }

    /**
     * The files written and what they hold.
     *
     * @param cpuSeconds CPU seconds of the process while it scored: reading the snapshots, each detector (by name),
     *     and "other" (the JIT compilers, the garbage collector, anything else), summed over threads
     * @param scoredHere snapshots this process scored (fewer than the run's after --resume), at least 1
     */
    public record Result(Path csv, Path json, Path png, MonitorReport report, Map<String, Double> cpuSeconds,
                         int scoredHere) {
    }

    private Monitor() {
    }

    public static Result run(Path modelFile, Path runDir, Options o, Path outDir, PrintStream log) {
        try (AnomalyScorer scorer = AnomalyScorer.open(modelFile, log)) {
            AnomalyModelMetadata meta = scorer.metadata();
            String alarmDetector = o.detector() != null ? meta.detector(o.detector()).name() : meta.alarmDetector();
            AlarmRule rule = new AlarmRule(o.persist() != null ? o.persist() : meta.config().persist());
            RunSnapshots run = RunSnapshots.of(runDir);
            if (run.size() < 2) {
                throw new TriaxException("run " + runDir + " has one snapshot (" + run.files().get(0) + "): monitoring "
                        + "needs a time series of at least 2");
            }
            MonitorRun m = new MonitorRun(modelFile, meta, run, alarmDetector, rule, TimeAxis.of(run, o.intervalSeconds()));
            String runName = runDir.toAbsolutePath().normalize().getFileName().toString();
            // who writes the rows: the model file and the options that change them, for --resume to check
            String origin = "model " + modelFile.getFileName() + " sha256:" + Sha256.of(modelFile) + "; alarm detector "
                    + alarmDetector + "; persist " + rule.persist() + "; interval " + o.intervalSeconds() + " s";
            try (MonitorOutput out = MonitorOutput.open(outDir, runName, m.header(), o.resume(), log, origin)) {
                int done = m.resume(out.rows(), out.partial());
                if (done > 0) {
                    log.printf(Locale.ROOT, "resuming %s: %d of %d snapshots already scored%n", out.partial(), done,
                            run.size());
                }
                long t0 = System.nanoTime();
                long cpu0 = processCpuNanos();
                LongAdder reading = new LongAdder();
                Shape shape = new Shape(scorer, run, m, reading);
                int threads = o.threads() == 0 ? Runtime.getRuntime().availableProcessors() : o.threads();
                InOrder.run(done, run.size(), threads, i -> score(scorer, i, shape), s -> {
                    MonitorReport.Row row = m.add(s.index(), s.error());
                    out.append(MonitorCsv.row(row, m.detectors()));
                    if (!row.scored()) {
                        log.flush();
                        System.err.println("triax: warning: snapshot " + row.snapshot() + " of " + run.size() + " left out "
                                + "of the trend and the alarm: " + row.error());
                    }
                });
                double seconds = (System.nanoTime() - t0) / 1e9;
                double cpu = (processCpuNanos() - cpu0) / 1e9;
                int scoredNow = (int) m.rows().stream().skip(done).filter(MonitorReport.Row::scored).count();
                MonitorReport report;
                try {
                    report = m.report(seconds);
                } catch (TriaxException tooFew) {
                    out.discard();
                    throw tooFew;
                }
                log.printf(Locale.ROOT, "scored %d snapshots of %s in %.2f s (%.1f snapshots/s), ordered by %s%s%n",
                        run.size() - done, runDir, seconds, (run.size() - done) / seconds, run.orderedBy(),
                        report.failed() > 0 ? "; " + report.failed() + " could not be scored" : "");
                Map<String, Double> busy = new LinkedHashMap<>();
                busy.put("reading", reading.sum() / 1e9);
                for (int d = 0; d < meta.detectors().size(); d++) {
                    busy.put(meta.detectors().get(d).name(), scorer.busySeconds()[d]);
                }
                busy.put("other", Math.max(0, cpu - busy.values().stream().mapToDouble(Double::doubleValue).sum()));
                return out.finish(report, runName, busy, Math.max(1, scoredNow));
            }
        }
    }

    /** One snapshot's indices (detector order), or why it could not be scored. */
    private record Scored(double[] index, String error) {
    }

    /**
     * Scores snapshot {@code i}; a snapshot that cannot be read, does not fit the model or differs in length or
     * sampling rate from the run's first readable one is a one-line error, not a failure of the run.
     */
    private static Scored score(AnomalyScorer scorer, int i, Shape shape) {
        try {
            Recording r = shape.recording(i);
            return new Scored(scorer.indices(scorer.windowScores(scorer.conform(r))), null);
        } catch (TriaxException bad) {
            return new Scored(null, TriaxException.oneLine(bad.getMessage()));
        }
    }

    /**
     * The run's reference length and sampling rate: those of its first snapshot that can be read (an interrupted
     * run's too, read again, not scored, on --resume); every other snapshot must match it.
     */
    private static final class Shape {
        private final Recording reference;
        private final int referenceIndex;
        private final AnomalyScorer scorer;
        private final RunSnapshots run;
        private final LongAdder reading;

        Shape(AnomalyScorer scorer, RunSnapshots run, MonitorRun m, LongAdder reading) {
            this.scorer = scorer;
            this.run = run;
            this.reading = reading;
            Recording first = null;
            int at = -1;
            for (int i = 0; i < run.size() && first == null; i++) {
                if (i < m.rows().size() && !m.rows().get(i).scored()) {
                    continue;
                }
                try {
                    first = read(scorer, run.files().get(i), reading);
                    at = i;
                } catch (TriaxException unreadable) {
                    // scored (and reported) as a failed row in its turn
                }
            }
            this.reference = first;
            this.referenceIndex = at;
        }

        Recording recording(int i) {
            if (reference == null) {
                return read(scorer, run.files().get(i), reading);
            }
            Recording r = i == referenceIndex ? reference : read(scorer, run.files().get(i), reading);
            sameShape(reference, r);
            return r;
        }
    }

    private static Recording read(AnomalyScorer scorer, Path file, LongAdder reading) {
        long t0 = AnomalyScorer.threadCpuNanos();
        Recording r = scorer.read(file);
        reading.add(AnomalyScorer.threadCpuNanos() - t0);
        return r;
    }

    /** CPU time of the whole process: every thread, the JIT compilers' and the garbage collector's too. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Snapshots of one run have one length and one sampling rate: anything else is a different measurement. */
    private static void sameShape(Recording first, Recording r) {
        if (r.length() != first.length()) {
            throw new TriaxException(r.source() + ": " + r.length() + " samples, but " + first.source() + " has "
                    + first.length() + ": every snapshot of a run must have the same length (remove or re-record it)");
        }
        boolean sameRate = Double.isNaN(r.sampleRate()) ? Double.isNaN(first.sampleRate())
                : Math.abs(r.sampleRate() - first.sampleRate()) <= 1e-6 * r.sampleRate();
        if (!sameRate) {
            throw new TriaxException(r.source() + ": sampled at " + r.sampleRate() + " Hz, but " + first.source() + " at "
                    + first.sampleRate() + " Hz (NaN = unknown): every snapshot of a run must have the same sampling rate");
        }
    }

}
