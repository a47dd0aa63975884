package org.triax.health;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.triax.TriaxException;
import org.triax.artifact.ModelArtifact;
import org.triax.artifact.ModelNaming;
import org.triax.io.AtomicFiles;
import org.triax.io.PartialFile;
import org.triax.io.ReservedName;
import org.triax.report.HealthIndexPlot;

/**
 * Where a monitor run's files go: {@code <yyyyMMdd-HHmmss>_monitor_<run>.csv}, {@code .json} and
 * {@code .png} in the output folder. The CSV's rows are written as snapshots are scored, under the
 * hidden {@code .<name>.csv.partial}; when the run completes the JSON and the PNG are written whole
 * and the CSV takes its name. {@code --resume} continues the one partial CSV of the same run in the
 * folder (a fresh run when there is none).
 */
final class MonitorOutput implements AutoCloseable {
    private static final List<String> SUFFIXES = List.of(".csv", ".json", ".png");
    private final Path dir;
    private final String base;
    private final ReservedName reserved;
    private final PartialFile csv;
    /** Whether this run made the output folder (a run that fails leaves no empty one behind). */
    private final boolean madeDir;

    private MonitorOutput(Path dir, String base, ReservedName reserved, PartialFile csv, boolean madeDir) {
        this.dir = dir;
        this.base = base;
        this.reserved = reserved;
        this.csv = csv;
        this.madeDir = madeDir;
    }

    /** {@code origin}: who writes the rows (the model's hash, the options that change them); a resume by another is refused. */
    static MonitorOutput open(Path dir, String runName, String header, boolean resume, PrintStream log, String origin) {
        String what = "monitor_" + runName.replaceAll("[^A-Za-z0-9_.-]", "_");
        String interrupted = resume ? interrupted(dir, what) : null;
        if (interrupted != null) {
            for (String s : SUFFIXES) {
                AtomicFiles.refuseExisting(dir.resolve(interrupted + s));
            }
            return new MonitorOutput(dir, interrupted, null, resumed(dir.resolve(interrupted + ".csv"), header, origin), false);
        }
        if (resume) {
            log.println("--resume: no interrupted monitor run of " + runName + " in " + dir + ", starting one");
        }
        boolean madeDir = !Files.exists(dir);
        ReservedName name = ModelNaming.reserveRun(dir, LocalDateTime.now(), what, SUFFIXES);
        try {
            PartialFile csv = PartialFile.create(name.file(".csv"), origin);
            csv.append(header);
            return new MonitorOutput(dir, name.base(), name, csv, madeDir);
        } catch (RuntimeException e) {
            name.close();
            throw e;
        }
    }

    /** The interrupted run's CSV, whose header must be this one's: the same model, detector order and time axis. */
    private static PartialFile resumed(Path csvFile, String header, String origin) {
        PartialFile csv = PartialFile.resume(csvFile, origin);
        String text = csv.lines();
        if (text.isEmpty()) {
            // killed before its header was out
            csv.append(header);
        } else if (!text.startsWith(header)) {
            csv.close();
            throw new TriaxException(csv.path() + " was written with another model, alarm detector or time axis (its "
                    + "header is '" + text.lines().findFirst().orElse("") + "'): resume with the interrupted run's options, "
                    + "or give another --out");
        }
        return csv;
    }

    /** The base name of the one interrupted run's partial CSV in {@code dir}, or null; two are an error. */
    private static String interrupted(Path dir, String what) {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        Pattern partial = Pattern.compile("\\.(\\d{8}-\\d{6}_" + Pattern.quote(what) + ")\\.csv\\.partial");
        List<String> found;
        try (Stream<Path> s = Files.list(dir)) {
            found = s.map(p -> partial.matcher(p.getFileName().toString())).filter(java.util.regex.Matcher::matches)
                    .map(m -> m.group(1)).sorted().toList();
        } catch (IOException e) {
            throw new TriaxException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        if (found.size() > 1) {
            throw new TriaxException(dir + " holds " + found.size() + " interrupted monitor runs of the same run ("
                    + String.join(", ", found) + "): delete the .csv.partial files of those not to resume");
        }
        return found.isEmpty() ? null : found.get(0);
    }

    /** The rows the interrupted run wrote (header excluded), empty for a fresh run. */
    String rows() {
        String text = csv.lines();
        return text.isEmpty() ? "" : text.substring(text.indexOf('\n') + 1);
    }

    Path partial() {
        return csv.path();
    }

    void append(String row) {
        csv.append(row);
    }

    /** The run ended in an error: its rows go, and the output folder when this run made it. */
    void discard() {
        csv.discard();
        close();
        if (madeDir) {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException notEmpty) {
                // another run writes there too
            }
        }
    }

    /** The JSON and the PNG written whole, then the CSV published: a final CSV means a complete run. */
    Monitor.Result finish(MonitorReport report, String runName, Map<String, Double> busy, int snapshotsScored) {
        Path json = dir.resolve(base + ".json");
        Path png = dir.resolve(base + ".png");
        AtomicFiles.write(json, out -> out.write(ModelArtifact.JSON.writeValueAsBytes(report)));
        plot(png, report, runName);
        csv.publish(dir.resolve(base + ".csv"));
        if (reserved == null) {
            ReservedName.clearLeft(dir, base); // the interrupted run's, left when it was killed
        }
        return new Monitor.Result(dir.resolve(base + ".csv"), json, png, report, busy, snapshotsScored);
    }

    @Override
    public void close() {
        csv.close();
        if (reserved != null) {
            reserved.close();
        }
    }

    /** The scored snapshots' health index over time (failed ones, and any without a time, left out). */
    private static void plot(Path png, MonitorReport r, String runName) {
        List<MonitorReport.Row> rows = r.rows().stream().filter(row -> row.scored() && !Double.isNaN(row.time())).toList();
        int n = rows.size();
        double[] time = rows.stream().mapToDouble(MonitorReport.Row::time).toArray();
        double[][] index = new double[r.detectors().size()][n];
        for (int d = 0; d < index.length; d++) {
            String name = r.detectors().get(d);
            for (int i = 0; i < n; i++) {
                index[d][i] = rows.get(i).index().get(name);
            }
        }
        double[] trend = rows.stream().mapToDouble(MonitorReport.Row::trend).toArray();
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
