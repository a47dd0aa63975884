package org.triax.health;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import org.triax.TriaxException;
import org.triax.artifact.AnomalyModelMetadata;
import org.triax.artifact.ModelArtifact;
import org.triax.artifact.ModelNaming;
import org.triax.io.AtomicFiles;
import org.triax.io.ReservedName;
import org.triax.report.HealthIndexPlot;
import org.triax.signal.Recording;

/**
 * {@code triax monitor}: scores every snapshot of a run in time order with an anomaly model, gives
 * each its health index (median window score / threshold) per detector, the smoothed trend and the
 * alarm state ({@link AlarmRule}), and writes them as CSV, JSON and a PNG under a reserved name.
 * Every snapshot is read and checked before anything is written.
 */
public final class Monitor {

    /**
     * @param persist snapshots in a row above the threshold before the alarm (null: the model's)
     * @param detector the detector that raises the alarm (null: the model's)
     * @param intervalSeconds time between snapshots when the run does not say (NaN: unknown)
     * @param threads snapshots scored at once (0: every available processor)
     */
    public record Options(Integer persist, String detector, double intervalSeconds, int threads) {
        public Options {
            if (threads < 0) {
                throw new TriaxException("--threads must be at least 1, got " + threads);
            }
        }

        /** On every available processor. */
        public Options(Integer persist, String detector, double intervalSeconds) {
            this(persist, detector, intervalSeconds, 0);
        }
    }

    /**
     * The files written and what they hold.
     *
     * @param cpuSeconds CPU seconds of the process while it scored: reading the snapshots, each detector (by name),
     *     and "other" (the JIT compilers, the garbage collector, anything else), summed over threads
     */
    public record Result(Path csv, Path json, Path png, MonitorReport report, Map<String, Double> cpuSeconds) {
    }

    private Monitor() {
    }

    public static Result run(Path modelFile, Path runDir, Options o, Path outDir, PrintStream log) {
        try (AnomalyScorer scorer = AnomalyScorer.open(modelFile)) {
            AnomalyModelMetadata meta = scorer.metadata();
            String alarmDetector = o.detector() != null ? meta.detector(o.detector()).name() : meta.alarmDetector();
            AlarmRule rule = new AlarmRule(o.persist() != null ? o.persist() : meta.config().persist());
            RunSnapshots run = RunSnapshots.of(runDir);
            if (run.size() < 2) {
                throw new TriaxException("run " + runDir + " has one snapshot (" + run.files().get(0) + "): monitoring "
                        + "needs a time series of at least 2");
            }
            long t0 = System.nanoTime();
            long cpu0 = processCpuNanos();
            LongAdder reading = new LongAdder();
            double[][] index = o.threads() == 0 ? score(scorer, run, reading) : onThreads(o.threads(),
                    () -> score(scorer, run, reading));
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = (processCpuNanos() - cpu0) / 1e9;
            MonitorReport report = report(modelFile, meta, run, index, alarmDetector, rule, o.intervalSeconds(), seconds);
            log.printf(Locale.ROOT, "scored %d snapshots of %s in %.2f s (%.1f snapshots/s), ordered by %s%n", run.size(),
                    runDir, seconds, run.size() / seconds, run.orderedBy());
            Map<String, Double> busy = new LinkedHashMap<>();
            busy.put("reading", reading.sum() / 1e9);
            for (int d = 0; d < meta.detectors().size(); d++) {
                busy.put(meta.detectors().get(d).name(), scorer.busySeconds()[d]);
            }
            busy.put("other", Math.max(0, cpu - busy.values().stream().mapToDouble(Double::doubleValue).sum()));
            return write(outDir, runDir, report, busy);
        }
    }

    /**
     * {@code index[detector][snapshot]}: snapshots read and scored in parallel, checked against the first; a bad
     * snapshot fails the run once every snapshot being scored is done (the earliest bad one is named).
     */
    private static double[][] score(AnomalyScorer scorer, RunSnapshots run, LongAdder reading) {
        Recording first = read(scorer, run.files().get(0), reading);
        // the first is scored beside the others, not before them: on a short run its cold start is a share of the time
        List<double[]> perSnapshot = InParallel.map(run.size(), i -> {
            Recording r = i == 0 ? first : read(scorer, run.files().get(i), reading);
            sameShape(first, r);
            return scorer.indices(scorer.windowScores(scorer.conform(r)));
        });
        int detectors = perSnapshot.get(0).length;
        double[][] index = new double[detectors][run.size()];
        for (int i = 0; i < run.size(); i++) {
            for (int d = 0; d < detectors; d++) {
                index[d][i] = perSnapshot.get(i)[d];
            }
        }
        return index;
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

    /** Runs {@code work} (and the parallel streams inside it) on a pool of {@code threads} threads. */
    private static <T> T onThreads(int threads, java.util.concurrent.Callable<T> work) {
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads);
        try {
            return pool.submit(work).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scoring", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
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

    static MonitorReport report(Path modelFile, AnomalyModelMetadata meta, RunSnapshots run, double[][] index,
                                String alarmDetector, AlarmRule rule, double interval, double seconds) {
        List<String> names = meta.detectors().stream().map(AnomalyModelMetadata.Detector::name).toList();
        int primary = names.indexOf(alarmDetector);
        // the alarm detector first, then the others in the model's order
        List<Integer> order = new ArrayList<>(List.of(primary));
        IntStream.range(0, names.size()).filter(d -> d != primary).forEach(order::add);
        TimeAxis axis = TimeAxis.of(run, interval);
        AlarmRule.State[] states = rule.states(index[primary]);
        double[] trend = rule.trend(index[primary]);
        java.util.Set<String> baseline = baselineFiles(meta, run);
        List<MonitorReport.Row> rows = new ArrayList<>();
        for (int i = 0; i < run.size(); i++) {
            Map<String, Double> score = new LinkedHashMap<>();
            Map<String, Double> idx = new LinkedHashMap<>();
            for (int d : order) {
                idx.put(names.get(d), index[d][i]);
                score.put(names.get(d), index[d][i] * meta.detectors().get(d).threshold().value());
            }
            rows.add(new MonitorReport.Row(i + 1, run.name(i), axis.at(i), score, idx, trend[i], states[i].name(),
                    baseline.contains(run.name(i))));
        }
        List<MonitorReport.FirstAlarm> alarms = new ArrayList<>();
        for (int d : order) {
            alarms.add(firstAlarm(names.get(d), rule.firstAlarm(index[d]), run, axis));
        }
        Map<String, Double> thresholds = new LinkedHashMap<>();
        order.forEach(d -> thresholds.put(names.get(d), meta.detectors().get(d).threshold().value()));
        return new MonitorReport(modelFile.toString(), run.dir().toString(), run.orderedBy(), run.size(),
                order.stream().map(names::get).toList(), alarmDetector, thresholds, rule.persist(), axis.unit(), alarms, rows,
                seconds);
    }

    /** The run's files the baseline learned from, when this run is the model's normal data. */
    private static java.util.Set<String> baselineFiles(AnomalyModelMetadata meta, RunSnapshots run) {
        Path normal = Path.of(meta.normal().path());
        boolean same = normal.equals(run.dir().toAbsolutePath().normalize());
        return same ? new java.util.HashSet<>(meta.normal().files()) : java.util.Set.of();
    }

    private static MonitorReport.FirstAlarm firstAlarm(String detector, int k, RunSnapshots run, TimeAxis axis) {
        int last = run.size() - 1;
        if (k < 0) {
            return new MonitorReport.FirstAlarm(detector, -1, null, Double.NaN, -1, Double.NaN, Double.NaN);
        }
        double before = axis.at(last) - axis.at(k);
        double life = axis.at(last) - axis.at(0);
        return new MonitorReport.FirstAlarm(detector, k + 1, run.name(k), axis.at(k), last - k, before, before / life);
    }

    private static Result write(Path outDir, Path runDir, MonitorReport report, Map<String, Double> busy) {
        String runName = runDir.toAbsolutePath().normalize().getFileName().toString();
        try (ReservedName name = ModelNaming.reserveRun(outDir, LocalDateTime.now(), "monitor_" + runName,
                List.of(".csv", ".json", ".png"))) {
            AtomicFiles.write(name.file(".csv"), MonitorCsv.format(report).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            AtomicFiles.write(name.file(".json"), out -> out.write(ModelArtifact.JSON.writeValueAsBytes(report)));
            plot(name.file(".png"), report, runName);
            return new Result(name.file(".csv"), name.file(".json"), name.file(".png"), report, busy);
        }
    }

    private static void plot(Path png, MonitorReport r, String runName) {
        int n = r.rows().size();
        double[] time = r.rows().stream().mapToDouble(MonitorReport.Row::time).toArray();
        double[][] index = new double[r.detectors().size()][n];
        for (int d = 0; d < index.length; d++) {
            String name = r.detectors().get(d);
            for (int i = 0; i < n; i++) {
                index[d][i] = r.rows().get(i).index().get(name);
            }
        }
        double[] trend = r.rows().stream().mapToDouble(MonitorReport.Row::trend).toArray();
        double[] baseline = null;
        List<MonitorReport.Row> normal = r.rows().stream().filter(MonitorReport.Row::baseline).toList();
        if (!normal.isEmpty()) {
            baseline = new double[] {normal.get(0).time(), normal.get(normal.size() - 1).time()};
        }
        MonitorReport.FirstAlarm a = r.firstAlarm();
        String title = String.format(Locale.ROOT, "%s: health index (%s alarms after %d in a row above)", runName,
                r.alarmDetector(), r.persist());
        HealthIndexPlot.write(png, title, r.timeUnit().equals("snapshot") ? "snapshot" : "time (" + r.timeUnit() + ")",
                time, r.detectors(), index, trend, baseline, a.snapshot() < 0 ? Double.NaN : a.time());
    }
}
