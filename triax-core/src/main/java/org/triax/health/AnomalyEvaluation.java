package org.triax.health;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.triax.TriaxException;
import org.triax.artifact.AnomalyModelMetadata;
import org.triax.dataset.DatasetIndex;
import org.triax.dataset.Fingerprint;
import org.triax.dataset.LabelledFile;
import org.triax.dataset.Subset;
import org.triax.signal.Recording;

/**
 * {@code triax evaluate} with an anomaly model: how well each detector tells a labelled folder's
 * normal class from the rest. On the baseline's own normal data (same fingerprint) only the
 * normal test blocks saved in the model are scored, never a block the detectors were fitted on or
 * that set the threshold; every recording of the other classes is scored whole. Reports ROC AUC,
 * partial AUC and precision / recall / F1 at the saved threshold per detector, for windows and for
 * recordings (a recording scores its median window, as in {@code monitor}), and the AUC per class.
 */
public final class AnomalyEvaluation {

    /**
     * @param scope what was scored, in words
     * @param normalClass the class taken as normal
     * @param detectors per detector name
     */
    public record Report(String scope, String normalClass, Map<String, DetectorReport> detectors) {

        /**
         * Which detector wins on this data, in one line: the higher recording-level ROC AUC, then the
         * higher window-level one; and the classes where the other detector separates better. Empty
         * with one detector.
         */
        public String comparison() {
            if (detectors.size() < 2) {
                return "";
            }
            List<String> names = new ArrayList<>(detectors.keySet());
            java.util.Comparator<String> byAuc = java.util.Comparator
                    .comparingDouble((String d) -> detectors.get(d).recordings().auc())
                    .thenComparingDouble(d -> detectors.get(d).windows().auc());
            names.sort(byAuc.reversed());
            String best = names.get(0);
            String aucs = names.stream().map(d -> String.format(Locale.ROOT, "%s %.4f / %.4f", d,
                    detectors.get(d).recordings().auc(), detectors.get(d).windows().auc())).collect(Collectors.joining(", "));
            boolean tie = byAuc.compare(best, names.get(1)) == 0;
            StringBuilder line = new StringBuilder(tie ? "the detectors tie here" : "better here: " + best)
                    .append(" (ROC AUC recordings / windows: ").append(aucs).append(")");
            for (String other : names.subList(1, names.size())) {
                List<String> where = detectors.get(best).perClass().keySet().stream()
                        .filter(c -> betterOn(other, best, c)).toList();
                if (!where.isEmpty()) {
                    line.append("; ").append(other).append(" better on ").append(String.join(", ", where));
                }
            }
            return line.toString();
        }

        /** Whether detector a separates class c better than b: recordings first, windows on a tie. */
        private boolean betterOn(String a, String b, String c) {
            int byRecordings = Double.compare(detectors.get(a).perClass().get(c), detectors.get(b).perClass().get(c));
            return byRecordings > 0 || byRecordings == 0
                    && detectors.get(a).perClassWindows().get(c) > detectors.get(b).perClassWindows().get(c);
        }
    }

    /**
     * @param perClass recording-level AUC of normal against each other class
     * @param perClassWindows window-level AUC of normal against each other class
     * @param windowRoc the window-level ROC curve, for the plot
     * @param recordingRoc the recording-level ROC curve
     */
    public record DetectorReport(DetectionMetrics windows, DetectionMetrics recordings, Map<String, Double> perClass,
                                 Map<String, Double> perClassWindows, RocCurve windowRoc, RocCurve recordingRoc) {
    }

    /** The scores of one scored unit (a recording or a saved normal block). */
    private record Unit(String clazz, boolean normal, double[][] windowScores) {
    }

    private AnomalyEvaluation() {
    }

    /**
     * @param normalClass the normal class folder (null: the model's normal class name)
     * @param allWindows score every normal window even on the baseline's own data
     */
    public static Report run(Path modelFile, Path dataDir, String normalClass, boolean allWindows) {
        try (AnomalyScorer scorer = AnomalyScorer.open(modelFile, System.err)) {
            AnomalyModelMetadata meta = scorer.metadata();
            DatasetIndex index = DatasetIndex.scan(dataDir, 1);
            String normal = normalClass != null ? normalClass : meta.normal().normalClass();
            if (!index.classes().contains(normal)) {
                throw new TriaxException("data folder " + dataDir + " has no class folder '" + normal + "' (classes: "
                        + String.join(", ", index.classes()) + "); name the normal one with --normal-class");
            }
            if (index.classes().size() < 2) {
                throw new TriaxException("data folder " + dataDir + " has only the normal class '" + normal
                        + "': evaluating a detector needs at least one other class");
            }
            NormalSelection sel = NormalSelection.of(dataDir, normal);
            boolean sameNormal = !allWindows && Fingerprint.of(sel.index()).equals(meta.normal().fingerprint());
            List<Unit> units = new ArrayList<>(InParallel.map(index.files().size(), i -> {
                LabelledFile f = index.files().get(i);
                String c = index.classes().get(f.label());
                return c.equals(normal) ? null : new Unit(c, false, scorer.windowScores(scorer.conform(scorer.read(f.path()))));
            }).stream().filter(u -> u != null).toList());
            String normalScope;
            if (sameNormal) {
                int before = units.size();
                for (var b : meta.split().blocks()) {
                    if (Subset.TEST.name().equals(b.subset())) {
                        Recording r = scorer.conform(scorer.read(dataDir.resolve(b.file())));
                        units.add(new Unit(normal, true, scorer.windowScores(r, b.from(), b.to())));
                    }
                }
                normalScope = (units.size() - before) + " normal test block(s) saved in the model (never fitted on, not used "
                        + "for the threshold)";
            } else {
                for (LabelledFile f : sel.index().files()) {
                    units.add(new Unit(normal, true, scorer.windowScores(scorer.conform(scorer.read(f.path())))));
                }
                normalScope = "every window of " + sel.index().files().size() + " normal recordings"
                        + (allWindows ? "" : " (not the baseline's normal data)");
            }
            Map<String, DetectorReport> out = new LinkedHashMap<>();
            for (int d = 0; d < meta.detectors().size(); d++) {
                out.put(meta.detectors().get(d).name(), detector(units, d, meta.detectors().get(d).threshold().value(),
                        index.classes(), normal));
            }
            long others = units.stream().filter(u -> !u.normal()).count();
            return new Report(normalScope + " vs every window of " + others + " recordings of the other classes in " + dataDir,
                    normal, out);
        }
    }

    private static DetectorReport detector(List<Unit> units, int d, double threshold, List<String> classes, String normal) {
        double[] nw = windows(units, d, u -> u.normal());
        double[] aw = windows(units, d, u -> !u.normal());
        double[] nr = recordings(units, d, u -> u.normal());
        double[] ar = recordings(units, d, u -> !u.normal());
        Map<String, Double> perClass = new LinkedHashMap<>();
        Map<String, Double> perClassWindows = new LinkedHashMap<>();
        for (String c : classes) {
            if (!c.equals(normal)) {
                perClass.put(c, RocCurve.of(nr, recordings(units, d, u -> u.clazz().equals(c))).auc());
                perClassWindows.put(c, RocCurve.of(nw, windows(units, d, u -> u.clazz().equals(c))).auc());
            }
        }
        return new DetectorReport(DetectionMetrics.of(nw, aw, threshold), DetectionMetrics.of(nr, ar, threshold), perClass,
                perClassWindows, RocCurve.of(nw, aw), RocCurve.of(nr, ar));
    }

    private static double[] windows(List<Unit> units, int d, java.util.function.Predicate<Unit> which) {
        return units.stream().filter(which).flatMapToDouble(u -> java.util.Arrays.stream(u.windowScores()[d])).toArray();
    }

    private static double[] recordings(List<Unit> units, int d, java.util.function.Predicate<Unit> which) {
        return units.stream().filter(which).mapToDouble(u -> org.triax.artifact.AlarmThreshold.recordingScore(u.windowScores()[d]))
                .toArray();
    }
}
