package org.triax.health;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.triax.TriaxException;
import org.triax.artifact.AlarmThreshold;
import org.triax.artifact.AnomalyModel;
import org.triax.artifact.AnomalyModelMetadata;
import org.triax.artifact.BaselineConfig;
import org.triax.artifact.ModelArtifact;
import org.triax.artifact.ModelKind;
import org.triax.artifact.ModelMetadata;
import org.triax.artifact.ModelNaming;
import org.triax.dataset.DataOptions;
import org.triax.dataset.DatasetLoader;
import org.triax.dataset.LoadedRecordings;
import org.triax.dataset.SplitFractions;
import org.triax.dataset.SplitPlan;
import org.triax.dataset.Subset;
import org.triax.io.AtomicFiles;
import org.triax.io.ReservedName;
import org.triax.onnx.OnnxExport;

/**
 * One {@code triax baseline} run: read the normal recordings, split them honestly into fit,
 * threshold and test blocks (by recording when there are at least 3, else disjoint time blocks),
 * fit each detector on the fit blocks, set its alarm threshold from the threshold blocks
 * ({@link AlarmThreshold}), measure it on the test blocks, and write the anomaly model file.
 */
public final class Baseline {
    /**
     * Fit / threshold / test shares of the normal data unless {@code --split} says otherwise: the
     * threshold needs many held-out windows (299 for 1 %), the detectors fewer to fit, and a fifth
     * stays untouched to check the false-alarm rate.
     */
    public static final SplitFractions FRACTIONS = new SplitFractions(0.5, 0.3, 0.2);

    /** The written model file and what it says. */
    public record Result(Path modelFile, AnomalyModelMetadata metadata) {
    }

    private Baseline() {
    }

    public static Result run(DataOptions data, NormalSelection normal, BaselineConfig cfg, Path outDir, PrintStream log) {
        List<DetectorKind> kinds = cfg.detectors().stream().map(Detectors::byName).toList();
        long t0 = System.nanoTime();
        LoadedRecordings read = DatasetLoader.read(data, normal.index());
        read.notes().forEach(log::println);
        SplitPlan plan = DatasetLoader.plan(read, data.protocol(), data.fractions(), data.seed());
        NormalSet set = new NormalSet(read, plan);
        log.printf("normal data: %s; channels %s, fs %s%n", normal.description(), read.preprocessing().channels(),
                Double.isNaN(read.preprocessing().sampleRate()) ? "unknown" : read.preprocessing().sampleRate() + " Hz");
        log.println(describe(set));
        // checked before anything is fitted: a network would train for minutes first
        AlarmThreshold.requireEnough(set.windows(Subset.VALIDATION), cfg.falseAlarm(), normal.description());
        if (set.windows(Subset.TRAIN) < 2) {
            throw new TriaxException(normal.description() + ": the fit blocks hold " + set.windows(Subset.TRAIN)
                    + " windows; the detectors need at least 2 (give more normal data or a shorter --window)");
        }
        List<AnomalyModelMetadata.Detector> detectors = new ArrayList<>();
        Map<String, byte[]> weights = new LinkedHashMap<>();
        for (DetectorKind kind : kinds) {
            DetectorKind.Fitted f = kind.fit(set, cfg, log);
            try (WindowScorer scorer = f.scorer()) {
                AlarmThreshold threshold = AlarmThreshold.fit(BlockScores.of(scorer, set, Subset.VALIDATION).windows(),
                        cfg.falseAlarm(), normal.description());
                AnomalyModelMetadata.NormalFigures test = figures(BlockScores.of(scorer, set, Subset.TEST), threshold);
                String entry = f.weights() == null ? null : kind.name() + ".params";
                if (entry != null) {
                    weights.put(entry, f.weights());
                }
                detectors.add(new AnomalyModelMetadata.Detector(kind.name(), kind.description(), threshold, test,
                        f.parameters(), entry));
            }
        }
        AnomalyModelMetadata meta = metadata(read, normal, set, cfg, detectors);
        Path file = write(outDir, new AnomalyModel(meta, weights));
        log.printf(Locale.ROOT, "baseline done in %.1f s -> %s%n", (System.nanoTime() - t0) / 1e9, file);
        return new Result(file, meta);
    }

    /** The split in the words of a baseline: fit, threshold, test. */
    static String describe(NormalSet set) {
        SplitPlan p = set.plan();
        StringBuilder sb = new StringBuilder("split: ").append(p.protocol().label()).append(", seed ").append(p.seed());
        String[] names = {"fit", "threshold", "test"};
        for (Subset s : Subset.values()) {
            long recordings = set.blocks(s).stream().mapToInt(SplitPlan.Block::recording).distinct().count();
            sb.append(String.format(Locale.ROOT, "; %s %d windows from %d recordings", names[s.ordinal()], set.windows(s),
                    recordings));
        }
        return sb.toString();
    }

    static AnomalyModelMetadata.NormalFigures figures(BlockScores test, AlarmThreshold t) {
        double[] w = test.windows();
        double[] r = test.recordings();
        double[] index = java.util.Arrays.stream(w).map(t::index).toArray();
        return new AnomalyModelMetadata.NormalFigures(w.length, share(w, t.value()), r.length, share(r, t.value()),
                w.length == 0 ? Double.NaN : AlarmThreshold.recordingScore(index));
    }

    private static double share(double[] scores, double threshold) {
        return scores.length == 0 ? Double.NaN
                : (double) java.util.Arrays.stream(scores).filter(s -> s > threshold).count() / scores.length;
    }

    private static AnomalyModelMetadata metadata(LoadedRecordings read, NormalSelection normal, NormalSet set,
                                                 BaselineConfig cfg, List<AnomalyModelMetadata.Detector> detectors) {
        SplitPlan plan = set.plan();
        List<ModelMetadata.Block> blocks = plan.blocks().stream().map(b -> new ModelMetadata.Block(
                read.index().files().get(b.recording()).relativePath(), b.subset().name(), b.from(), b.to(),
                plan.groupOf(b.recording()))).toList();
        AnomalyModelMetadata.NormalData data = new AnomalyModelMetadata.NormalData(
                read.index().root().toAbsolutePath().normalize().toString(), normal.description(), normal.normalClass(),
                read.fingerprint(), read.recordings().size(), normal.files(), set.windows(Subset.TRAIN),
                set.windows(Subset.VALIDATION), set.windows(Subset.TEST), read.variable(), read.notes());
        return new AnomalyModelMetadata(ModelMetadata.FORMAT, AnomalyModelMetadata.FORMAT_VERSION,
                ModelKind.ANOMALY_DETECTOR.label(), ModelArtifact.triaxVersion(), OffsetDateTime.now().withNano(0).toString(),
                read.preprocessing(), data, new ModelMetadata.Split(plan.protocol().name(), plan.fractions(), plan.seed(),
                        blocks, plan.grouping()), cfg, detectors, detectors.get(0).name(), null);
    }

    /**
     * The metrics JSON and the ONNX export (when a detector has one) first, the model file last: a
     * model on disk always has its companions.
     */
    private static Path write(Path outDir, AnomalyModel model) {
        String ext = "." + ModelNaming.EXTENSION;
        AnomalyModelMetadata meta = model.metadata();
        byte[] onnx = AnomalyOnnx.of(model);
        try (ReservedName name = ModelNaming.reserveAnomaly(outDir, LocalDateTime.now(), meta.config().falseAlarm(),
                meta.detectors().get(0).test().windowFalseAlarm(), List.of(ext, METRICS, ONNX))) {
            AnomalyModel.saveMetadataJson(meta, name.file(METRICS));
            if (onnx != null) {
                AtomicFiles.write(name.file(ONNX), onnx);
            }
            model.save(name.file(ext));
            return name.file(ext);
        }
    }

    static final String METRICS = ".metrics.json";
    static final String ONNX = "." + OnnxExport.EXTENSION;
}
