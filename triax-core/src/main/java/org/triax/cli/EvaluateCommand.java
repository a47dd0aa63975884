package org.triax.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.triax.artifact.Metrics;
import org.triax.artifact.ModelKind;
import org.triax.predict.Evaluation;
import org.triax.report.ConfusionMatrixPlot;
import org.triax.signal.ReadNotes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code triax evaluate}: metrics of a model on a labelled folder. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a model on a labelled folder. On its own, unchanged training data it scores the test "
                + "set saved in the model and reproduces its test metrics; elsewhere it scores every window. An anomaly "
                + "model (triax baseline) is evaluated as normal class vs the rest: ROC AUC, partial AUC, precision, "
                + "recall and F1 at its threshold per detector, and a ROC plot in --out.")
final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    ScoringOptions scoring;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "labelled folder (one sub-folder per class)")
    Path data;

    @Option(names = "--all-windows", description = "score every window even on the training data")
    boolean allWindows;

    @Option(names = "--confusion-png", paramLabel = "FILE", description = "also draw the confusion matrix here")
    Path confusionPng;

    @Option(names = "--normal-class", paramLabel = "NAME", description = "anomaly models: the normal class folder "
            + "(default: the model's normal class)")
    String normalClass;

    @Option(names = "--out", paramLabel = "DIR", description = "anomaly models: where the ROC plot and JSON go (default ${DEFAULT-VALUE})")
    Path out = Path.of("evaluate");

    @Override
    public Integer call() {
        if (ModelKind.isAnomalyModel(scoring.model)) {
            return AnomalyEvaluationOutput.run(scoring.model, data, normalClass, allWindows, out, System.out);
        }
        ReadNotes notes = new ReadNotes();
        Evaluation.Report r = Evaluation.run(scoring.model, data, allWindows, scoring.read(notes), scoring.resample(),
                scoring.engine(), scoring.precision(), scoring.sourceChannels());
        TriaxCli.printNotes(notes);
        Metrics m = r.windows();
        if (r.note() != null) {
            System.err.println("triax: note: " + r.note());
        }
        System.out.println("scored: " + r.scope());
        System.out.printf(Locale.ROOT, "windows %d: accuracy %.2f %%, macro F1 %.4f; recordings %d: accuracy %.2f %%%n",
                m.count(), 100 * m.accuracy(), m.macroF1(), r.recordings(), 100 * r.recordingAccuracy());
        System.out.printf(Locale.ROOT, "%-20s %9s %9s %9s %8s%n", "class", "precision", "recall", "F1", "windows");
        for (int c = 0; c < r.classes().size(); c++) {
            System.out.printf(Locale.ROOT, "%-20s %9.4f %9.4f %9.4f %8d%n", r.classes().get(c), m.precision()[c],
                    m.recall()[c], m.f1()[c], m.support()[c]);
        }
        System.out.println("confusion matrix (rows true, columns predicted):");
        for (int[] row : m.confusion()) {
            StringBuilder sb = new StringBuilder();
            for (int v : row) {
                sb.append(String.format("%7d", v));
            }
            System.out.println(sb);
        }
        Evaluation.UnknownStateFigures u = r.unknownState();
        if (u != null) {
            System.out.printf(Locale.ROOT, "unknown-state check: %d of %d recordings of the model's classes called unknown%n",
                    u.knownCalledUnknown(), u.known());
            if (u.unseen() > 0) {
                System.out.printf(Locale.ROOT, "unknown-state check: %d of %d recordings of classes the model does not "
                        + "know (%s) called unknown; the metrics above leave them out%n", u.unseenCalledUnknown(), u.unseen(),
                        String.join(", ", u.unseenClasses()));
            }
        }
        if (confusionPng != null) {
            ConfusionMatrixPlot.write(confusionPng, m.confusion(), r.classes(), "evaluation: " + scoring.model.getFileName());
        }
        return 0;
    }
}
