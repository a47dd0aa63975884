package org.triax.health;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.triax.TriaxException;
import org.triax.artifact.AnomalyModelMetadata;

/**
 * A monitored run's rows, built one snapshot at a time in time order: each detector's alarm rule
 * ({@link AlarmRule.Tracker}) sees the scored snapshots only, so a snapshot that could not be
 * scored neither breaks nor extends a streak above the threshold. The numbers the rules see are
 * the ones the CSV holds, so that {@code --resume} rebuilds the trend and the alarm from the rows
 * already written exactly as an uninterrupted run has them.
 */
final class MonitorRun {
    private final Path modelFile;
    private final AnomalyModelMetadata meta;
    private final RunSnapshots run;
    private final String alarmDetector;
    private final AlarmRule rule;
    private final TimeAxis axis;
    /** Detector positions in the model, the alarm detector first. */
    private final List<Integer> order = new ArrayList<>();
    private final List<String> names;
    private final List<AlarmRule.Tracker> trackers = new ArrayList<>();
    private final int[] firstAlarm;
    private final Set<String> baseline;
    private final List<MonitorReport.Row> rows = new ArrayList<>();

    MonitorRun(Path modelFile, AnomalyModelMetadata meta, RunSnapshots run, String alarmDetector, AlarmRule rule,
               TimeAxis axis) {
        this.modelFile = modelFile;
        this.meta = meta;
        this.run = run;
        this.alarmDetector = alarmDetector;
        this.rule = rule;
        this.axis = axis;
        List<String> all = meta.detectors().stream().map(AnomalyModelMetadata.Detector::name).toList();
        int primary = all.indexOf(alarmDetector);
        order.add(primary);
        IntStream.range(0, all.size()).filter(d -> d != primary).forEach(order::add);
        this.names = order.stream().map(all::get).toList();
        order.forEach(d -> trackers.add(rule.tracker()));
        this.firstAlarm = new int[order.size()];
        java.util.Arrays.fill(firstAlarm, -1);
        this.baseline = baselineFiles(meta, run);
    }

    /** The run's files the baseline learned from, when this run is the model's normal data. */
    private static Set<String> baselineFiles(AnomalyModelMetadata meta, RunSnapshots run) {
        Path normal = Path.of(meta.normal().path());
        boolean same = normal.equals(run.dir().toAbsolutePath().normalize());
        return same ? new HashSet<>(meta.normal().files()) : Set.of();
    }

    /** Detector names in report order: the alarm detector first. */
    List<String> detectors() {
        return names;
    }

    String header() {
        return MonitorCsv.header(axis.unit(), names);
    }

    List<MonitorReport.Row> rows() {
        return rows;
    }

    /**
     * Takes the rows an interrupted run wrote (they must be the first snapshots of this run, in order) and
     * returns how many snapshots are done.
     */
    int resume(String csvRows, Path source) {
        List<MonitorReport.Row> written = MonitorCsv.parse(csvRows, names, source.toString());
        for (MonitorReport.Row w : written) {
            int i = rows.size();
            if (i >= run.size() || w.snapshot() != i + 1 || !w.file().equals(run.name(i))) {
                throw new TriaxException(source + ": row " + (i + 1) + " is " + w.file() + ", but snapshot " + (i + 1) + " of "
                        + run.dir() + " is " + (i < run.size() ? run.name(i) : "none") + ": it was written for another "
                        + "run; give another --out");
            }
            double[] index = new double[meta.detectors().size()];
            for (int k = 0; k < order.size(); k++) {
                index[order.get(k)] = w.scored() ? w.index().get(names.get(k)) : Double.NaN;
            }
            add(w.scored() ? index : null, w.error());
        }
        return rows.size();
    }

    /** The next snapshot's row, from its indices in model order (null: it failed, for {@code error}). */
    MonitorReport.Row add(double[] index, String error) {
        int i = rows.size();
        Map<String, Double> score = new LinkedHashMap<>();
        Map<String, Double> idx = new LinkedHashMap<>();
        String state = MonitorReport.Row.FAILED;
        double trend = Double.NaN;
        if (index != null) {
            for (int k = 0; k < order.size(); k++) {
                int d = order.get(k);
                double v = MonitorCsv.asWritten(index[d]);
                idx.put(names.get(k), v);
                score.put(names.get(k), MonitorCsv.asWritten(v * meta.detectors().get(d).threshold().value()));
                AlarmRule.State s = trackers.get(k).next(v);
                if (s == AlarmRule.State.ALARM && firstAlarm[k] < 0) {
                    firstAlarm[k] = i;
                }
                if (k == 0) {
                    state = s.name();
                    trend = MonitorCsv.asWritten(trackers.get(0).trend());
                }
            }
        }
        MonitorReport.Row row = new MonitorReport.Row(i + 1, run.name(i), axis.at(i), score, idx, trend, state,
                baseline.contains(run.name(i)), index == null ? error : null);
        rows.add(row);
        return row;
    }

    /** The report of the whole run; fewer than two scored snapshots is an error naming the first failure. */
    MonitorReport report(double seconds) {
        List<MonitorReport.Row> failed = rows.stream().filter(r -> !r.scored()).toList();
        int scored = rows.size() - failed.size();
        if (scored < 2) {
            throw new TriaxException("only " + scored + " of " + rows.size() + " snapshots of " + run.dir() + " could be "
                    + "scored: monitoring needs at least 2 (" + failed.get(0).error() + ")");
        }
        List<MonitorReport.FirstAlarm> alarms = new ArrayList<>();
        for (int k = 0; k < order.size(); k++) {
            alarms.add(firstAlarm(names.get(k), firstAlarm[k]));
        }
        Map<String, Double> thresholds = new LinkedHashMap<>();
        for (int k = 0; k < order.size(); k++) {
            thresholds.put(names.get(k), meta.detectors().get(order.get(k)).threshold().value());
        }
        return new MonitorReport(modelFile.toString(), run.dir().toString(), run.orderedBy(), run.size(), failed.size(),
                names, alarmDetector, thresholds, rule.persist(), axis.unit(), alarms, List.copyOf(rows), seconds);
    }

    private MonitorReport.FirstAlarm firstAlarm(String detector, int k) {
        int last = run.size() - 1;
        if (k < 0) {
            return new MonitorReport.FirstAlarm(detector, -1, null, Double.NaN, -1, Double.NaN, Double.NaN);
        }
        double before = axis.end() - axis.at(k);
        double life = axis.end() - axis.start();
        return new MonitorReport.FirstAlarm(detector, k + 1, run.name(k), axis.at(k), last - k, before, before / life);
    }
}
