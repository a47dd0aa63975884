package org.triax.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.triax.TriaxException;
import org.triax.health.Monitor;
import org.triax.health.MonitorReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code triax monitor}: a run of snapshots in, its health index over time and the first alarm out. */
@Command(name = "monitor", mixinStandardHelpOptions = true,
        description = "Score a run's snapshots in time order with an anomaly model (triax baseline): health index "
                + "(median window score / threshold) per snapshot and detector, smoothed trend, alarm state; writes "
                + "CSV rows as snapshots are scored, then JSON and a PNG, and prints the first alarm and the lead time before "
                + "the end of the run. A snapshot that cannot be scored is a FAILED row, left out of the trend and the "
                + "alarm, and the exit code is then 3.")
final class MonitorCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "an anomaly model file from triax baseline")
    Path model;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "the run's snapshots (time from names or a time column, "
            + "else natural order of names: 2.csv before 10.csv)")
    Path run;

    @Option(names = "--out", paramLabel = "DIR", description = "where the report files go (default ${DEFAULT-VALUE})")
    Path out = Path.of("monitor");

    @Option(names = "--persist", paramLabel = "N", description = "snapshots in a row above the threshold before the alarm "
            + "(default: the model's, set by baseline --persist)")
    Integer persist;

    @Option(names = "--detector", paramLabel = "NAME", description = "the detector that raises the alarm (default: the model's first)")
    String detector;

    @Option(names = "--interval", paramLabel = "DURATION", description = "time between snapshots when the run does not "
            + "say, e.g. 60s, 1min, 2h, 1d (default: unknown, times in snapshots)")
    String interval;

    @Option(names = "--threads", paramLabel = "N", description = "snapshots scored at once; they are reported in time "
            + "order whatever the count (default: the available processors)")
    Integer threads;

    @Option(names = "--resume", description = "continue the interrupted monitor of this run in --out (its hidden "
            + ".csv.partial): the snapshots already in it are not scored again")
    boolean resume;

    @Override
    public Integer call() {
        if (threads != null && threads < 1) {
            throw new TriaxException("--threads must be at least 1, got " + threads);
        }
        Monitor.Result r = Monitor.run(model, run, new Monitor.Options(persist, detector, seconds(interval),
                threads == null ? 0 : threads, resume), out, System.out);
        MonitorReport rep = r.report();
        System.out.printf(Locale.ROOT, "alarm: %s index above 1 (threshold %.5g) for %d snapshots in a row%n",
                rep.alarmDetector(), rep.thresholds().get(rep.alarmDetector()), rep.persist());
        for (MonitorReport.FirstAlarm a : rep.firstAlarms()) {
            System.out.println(describe(a, rep));
        }
        StringBuilder where = new StringBuilder();
        r.cpuSeconds().forEach((name, sec) -> where.append(where.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                "%s %.1f ms", name, 1000 * sec / r.scoredHere())));
        double cpu = r.cpuSeconds().values().stream().mapToDouble(Double::doubleValue).sum() / r.scoredHere();
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "CPU per snapshot (all threads): %s (other: JIT compilers, GC); in all %.1f ms: at "
                + "most %.1f snapshots/s on %d cores%n", where, 1000 * cpu, cores / cpu, cores);
        System.out.println("wrote " + r.csv() + ", " + r.json() + ", " + r.png());
        if (rep.failed() > 0) {
            System.err.println("triax: " + rep.failed() + " of " + rep.snapshots() + " snapshots could not be scored (rows "
                    + "with state FAILED in " + r.csv() + "); fix or remove them and run again");
            return TriaxCli.PARTIAL;
        }
        return 0;
    }

    static String describe(MonitorReport.FirstAlarm a, MonitorReport r) {
        if (a.snapshot() < 0) {
            return String.format(Locale.ROOT, "%-12s no alarm in %d snapshots", a.detector(), r.snapshots());
        }
        String unit = r.timeUnit().equals("snapshot") ? "snapshots" : r.timeUnit();
        return String.format(Locale.ROOT, "%-12s first alarm at snapshot %d of %d (%s%s): %s %s before the end of the run, "
                        + "%.1f %% of its life", a.detector(), a.snapshot(), r.snapshots(), a.file(),
                r.timeUnit().equals("snapshot") ? "" : String.format(Locale.ROOT, ", t = %.4g %s", a.time(), unit),
                trim(a.beforeEnd()), unit, 100 * a.shareOfLife());
    }

    private static String trim(double v) {
        return String.format(Locale.ROOT, "%.4g", v).replaceAll("\\.?0+$", "");
    }

    /** "60s", "1min", "2h", "1d", "90" (seconds); null stays unknown (NaN). */
    static double seconds(String text) {
        if (text == null) {
            return Double.NaN;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*([0-9.]+)\\s*(s|sec|min|m|h|d)?\\s*")
                .matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new TriaxException("--interval must be a duration such as 60s, 1min, 2h or 1d, got '" + text + "'");
        }
        double v = Double.parseDouble(m.group(1));
        String u = m.group(2) == null ? "s" : m.group(2);
        double s = v * switch (u) {
            case "min", "m" -> 60;
            case "h" -> 3600;
            case "d" -> 86400;
            default -> 1;
        };
        if (!(s > 0)) {
            throw new TriaxException("--interval must be above 0, got '" + text + "'");
        }
        return s;
    }
}
