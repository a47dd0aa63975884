package org.triax.health;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.triax.artifact.ModelArtifact;
import org.triax.artifact.ModelNaming;
import org.triax.io.AtomicFiles;
import org.triax.io.ReservedName;
import org.triax.report.RocPlot;

/** Writes an anomaly evaluation as JSON and its ROC curves as a PNG, under one reserved name. */
public final class EvaluationFiles {
    private EvaluationFiles() {
    }

    /** The figures without the curves' corners (those are in the PNG). */
    record Summary(String scope, String normalClass, java.util.Map<String, Figures> detectors) {
    }

    record Figures(DetectionMetrics windows, DetectionMetrics recordings, java.util.Map<String, Double> perClass,
                   java.util.Map<String, Double> perClassWindows) {
    }

    /** Returns the PNG and the JSON written in {@code outDir}. */
    public static List<Path> write(AnomalyEvaluation.Report r, Path outDir, String dataName) {
        try (ReservedName name = ModelNaming.reserveRun(outDir, LocalDateTime.now(), "evaluate_" + dataName,
                List.of(".roc.png", ".json"))) {
            java.util.Map<String, Figures> figures = new java.util.LinkedHashMap<>();
            List<RocPlot.Curve> curves = new ArrayList<>();
            r.detectors().forEach((d, rep) -> {
                figures.put(d, new Figures(rep.windows(), rep.recordings(), rep.perClass(), rep.perClassWindows()));
                curves.add(new RocPlot.Curve(String.format(java.util.Locale.ROOT, "%s, windows (AUC %.4f)", d,
                        rep.windows().auc()), rep.windowRoc().fpr(), rep.windowRoc().tpr(), false));
                curves.add(new RocPlot.Curve(String.format(java.util.Locale.ROOT, "%s, recordings (AUC %.4f)", d,
                        rep.recordings().auc()), rep.recordingRoc().fpr(), rep.recordingRoc().tpr(), true));
            });
            RocPlot.write(name.file(".roc.png"), "ROC: " + r.normalClass() + " vs the other classes of " + dataName, curves,
                    DetectionMetrics.MAX_FPR);
            Summary s = new Summary(r.scope(), r.normalClass(), figures);
            AtomicFiles.write(name.file(".json"), out -> out.write(ModelArtifact.JSON.writeValueAsBytes(s)));
            return List.of(name.file(".roc.png"), name.file(".json"));
        }
    }
}
