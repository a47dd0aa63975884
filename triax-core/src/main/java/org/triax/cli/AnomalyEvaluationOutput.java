package org.triax.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.triax.health.AnomalyEvaluation;
import org.triax.health.DetectionMetrics;
import org.triax.health.EvaluationFiles;

/** {@code triax evaluate} of an anomaly model: runs it, prints the table, writes the ROC plot and JSON. */
final class AnomalyEvaluationOutput {
    private AnomalyEvaluationOutput() {
    }

    static int run(Path model, Path data, String normalClass, boolean allWindows, Path out, PrintStream o) {
        AnomalyEvaluation.Report r = AnomalyEvaluation.run(model, data, normalClass, allWindows);
        o.println("scored: " + r.scope());
        o.printf(Locale.ROOT, "%-12s %-10s %6s %6s %8s %12s %9s %7s %7s %11s%n", "detector", "unit", "normal", "other",
                "ROC AUC", "pAUC<=0.1 *", "precision", "recall", "F1", "false alarm");
        r.detectors().forEach((d, rep) -> {
            row(o, d, "windows", rep.windows());
            row(o, d, "recordings", rep.recordings());
        });
        o.println("* partial AUC for false-positive rates up to 0.1, McClish-standardised (0.5 chance, 1 perfect); "
                + "precision, recall, F1 and false alarms at the model's threshold, anomalous = positive");
        o.println("ROC AUC per class (recordings / windows):");
        r.detectors().forEach((d, rep) -> rep.perClass().forEach((c, auc) -> o.printf(Locale.ROOT,
                "  %-12s %-20s %.4f / %.4f%n", d, c, auc, rep.perClassWindows().get(c))));
        if (!r.comparison().isEmpty()) {
            o.println(r.comparison());
        }
        String name = data.toAbsolutePath().normalize().getFileName().toString();
        List<Path> files = EvaluationFiles.write(r, out, name);
        o.println("wrote " + files.get(0) + ", " + files.get(1));
        return 0;
    }

    private static void row(PrintStream o, String detector, String unit, DetectionMetrics m) {
        o.printf(Locale.ROOT, "%-12s %-10s %6d %6d %8.4f %12.4f %9.4f %7.4f %7.4f %10.2f%%%n", detector, unit, m.normal(),
                m.anomalous(), m.auc(), m.partialAuc(), m.precision(), m.recall(), m.f1(), 100 * m.falseAlarm());
    }
}
