package org.triax.train;

import java.time.OffsetDateTime;
import java.util.List;
import org.triax.artifact.EpochStats;
import org.triax.artifact.ModelArtifact;
import org.triax.artifact.ModelMetadata;
import org.triax.artifact.TrainConfig;
import org.triax.artifact.UnknownState;
import org.triax.dataset.SplitPlan;
import org.triax.dataset.TrainingSets;
import org.triax.io.ReservedName;
import org.triax.model.TriaxNetwork;
import org.triax.report.ConfusionMatrixPlot;
import org.triax.report.TrainingCurvesPlot;

/** Builds a model's metadata from a run and writes the files that sit beside the model. */
public final class ModelArtifacts {
    private ModelArtifacts() {
    }

    static ModelMetadata metadata(TrainingSets ds, TrainConfig cfg, TrainingResult r, UnknownState unknown) {
        List<ModelMetadata.Block> blocks = ds.plan().blocks().stream()
                .map(b -> block(ds, b)).toList();
        SplitPlan plan = ds.plan();
        ModelMetadata.Split split = new ModelMetadata.Split(plan.protocol().name(), plan.fractions(), plan.seed(), blocks,
                plan.grouping());
        ModelMetadata.Dataset data = new ModelMetadata.Dataset(ds.index().root().toAbsolutePath().normalize().toString(),
                ds.fingerprint(), ds.index().files().size(), ds.train().size(), ds.validation().size(), ds.test().size(),
                ds.variable(), ds.notes());
        return new ModelMetadata(ModelMetadata.FORMAT, ModelMetadata.formatVersionFor(ds.preprocessing()),
                ModelArtifact.triaxVersion(),
                OffsetDateTime.now().withNano(0).toString(), r.network().spec(), ds.index().classes(),
                ds.preprocessing(), ds.normalization(), cfg, split, data, r.validation(), r.test(), r.history(), r.bestEpoch(),
                r.trainSeconds(), TriaxNetwork.defaultDevice().toString(), unknown);
    }

    private static ModelMetadata.Block block(TrainingSets ds, SplitPlan.Block b) {
        return new ModelMetadata.Block(ds.index().files().get(b.recording()).relativePath(),
                b.subset().name(), b.from(), b.to(), ds.plan().groupOf(b.recording()));
    }

    /** The files written beside a model, in this order, before the model itself. */
    static final String METRICS = ".metrics.json";
    static final String CURVES = ".curves.png";
    static final String CONFUSION = ".confusion.png";

    /** {@code <base>.metrics.json}, {@code <base>.curves.png}, {@code <base>.confusion.png}. */
    static void writeCompanions(ReservedName name, ModelMetadata meta) {
        ModelArtifact.saveMetadataJson(meta, name.file(METRICS));
        List<EpochStats> h = meta.history();
        TrainingCurvesPlot.write(name.file(CURVES),
                h.stream().mapToDouble(EpochStats::trainLoss).toArray(),
                h.stream().mapToDouble(EpochStats::validationLoss).toArray(),
                h.stream().mapToDouble(EpochStats::trainAccuracy).toArray(),
                h.stream().mapToDouble(EpochStats::validationAccuracy).toArray(),
                meta.bestEpoch(), meta.network().design().label() + " design: training curves");
        ConfusionMatrixPlot.write(name.file(CONFUSION), meta.test().confusion(), meta.classes(),
                String.format(java.util.Locale.ROOT, "%s design, test set: accuracy %.2f %%",
                        meta.network().design().label(), 100 * meta.test().accuracy()));
    }
}
