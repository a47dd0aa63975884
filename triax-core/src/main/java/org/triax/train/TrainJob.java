package org.triax.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.triax.artifact.Metrics;
import org.triax.artifact.ModelArtifact;
import org.triax.artifact.ModelMetadata;
import org.triax.artifact.ModelNaming;
import org.triax.artifact.TrainConfig;
import org.triax.artifact.UnknownState;
import org.triax.dataset.Augmenter;
import org.triax.dataset.DataOptions;
import org.triax.dataset.DatasetLoader;
import org.triax.dataset.LoadedRecordings;
import org.triax.dataset.Normalization;
import org.triax.dataset.PreparedDataset;
import org.triax.dataset.RecordingSource;
import org.triax.dataset.TrainingSets;
import org.triax.dataset.TrainingWindows;
import org.triax.dataset.cache.Companion;
import org.triax.dataset.cache.SpectrogramCache;
import org.triax.io.ReservedName;
import org.triax.model.Design;
import org.triax.model.TriaxNetwork;
import org.triax.onnx.OnnxExport;
import org.triax.signal.ReadNotes;

/**
 * One {@code triax train} run: prepare the data once, train each requested design on the identical
 * split and normalisation, and write each model file with its plots, metrics and ONNX export beside it.
 */
public final class TrainJob {

    /** What was produced for one design. */
    public record Outcome(Design design, Path modelFile, Metrics validation, Metrics test, int bestEpoch,
                          int epochs, double trainSeconds) {
    }

    private TrainJob() {
    }

    /** In memory, without checkpoints ({@link RunOptions#IN_MEMORY}). */
    public static List<Outcome> run(DataOptions data, List<Design> designs, TrainConfig cfg, Path outDir,
                                    TrainingListener listener, PrintStream log) {
        return run(data, designs, cfg, outDir, RunOptions.IN_MEMORY, listener, log);
    }

    /**
     * @param run where prepared windows are cached (then training reads them from mapped shards),
     *     whether to checkpoint every epoch and whether to resume an interrupted run
     */
    public static List<Outcome> run(DataOptions data, List<Design> designs, TrainConfig cfg, Path outDir,
                                    RunOptions run, TrainingListener listener, PrintStream log) {
        long t0 = System.nanoTime();
        Prepared p = prepare(data, cfg, run, listener, log);
        TrainingSets ds = p.sets();
        log.printf("data: %s, %d classes %s, %d recordings, channels %s, fs %s%n", data.root(),
                ds.index().classes().size(), ds.index().classes(), ds.index().files().size(),
                ds.preprocessing().channels(), Double.isNaN(ds.preprocessing().sampleRate()) ? "unknown"
                        : ds.preprocessing().sampleRate() + " Hz" + (ds.preprocessing().resample() ? " (resampled)" : ""));
        log.printf("input: %d x %d x %d per window (channels x bins x frames), %s; windows train %d, validation %d, test %d%n",
                ds.preprocessing().channelCount(), ds.preprocessing().bins(), ds.preprocessing().frames(),
                ds.preprocessing().describeTransform(), ds.train().size(), ds.validation().size(), ds.test().size());
        log.println(ds.plan().describe());
        if (ds.plan().leakWarning() != null) {
            log.println(ds.plan().leakWarning());
        }
        log.printf("prepared in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        logAugmentation(cfg, log);
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new org.triax.TriaxException("cannot create output folder " + outDir + ": " + e.getMessage(), e);
        }
        String runKey = run.checkpoints() ? runKey(data, ds, cfg) : null;
        List<Outcome> outcomes = new ArrayList<>();
        List<Checkpoints> finished = new ArrayList<>();
        for (Design design : designs) {
            Checkpoints ck = run.checkpoints() ? Checkpoints.open(outDir, runKey + "-" + design.label(), design,
                    run.resume(), run.resumeFrom(), log) : null;
            Path done = ck == null ? null : ck.finishedModel(outDir);
            if (done != null) {
                ModelMetadata m = ModelArtifact.load(done).metadata();
                log.printf("%s: already trained by the interrupted run -> %s%n", design.label(), done);
                outcomes.add(new Outcome(design, done, m.validation(), m.test(), m.bestEpoch(), m.history().size(),
                        m.trainSeconds()));
                finished.add(ck);
                continue;
            }
            log.printf("training %s design: %d epochs, batch %d, seed %d%n", design.label(), cfg.epochs(),
                    cfg.batchSize(), cfg.seed());
            try (TrainingResult r = ModelTrainer.train(ds, p.windows(), design, cfg,
                    ck == null ? EpochCheckpoints.NONE : ck, listener)) {
                ModelMetadata meta = ModelArtifacts.metadata(ds, cfg, r, p.unknown());
                Path file = write(outDir, meta, r.network());
                if (ck != null) {
                    ck.finished(file);
                    finished.add(ck);
                }
                outcomes.add(new Outcome(design, file, r.validation(), r.test(), r.bestEpoch(), cfg.epochs(),
                        r.trainSeconds()));
                log.printf("%s: validation %.2f %%, test %.2f %% (best epoch %d) -> %s%n", design.label(),
                        100 * r.validation().accuracy(), 100 * r.test().accuracy(), r.bestEpoch(), file);
            }
        }
        finished.forEach(Checkpoints::discard); // the run is complete: nothing left to resume
        return outcomes;
    }

    /** The sets to train on, each epoch's training windows and the unknown-state check (null: off). */
    private record Prepared(TrainingSets sets, TrainingWindows windows, UnknownState unknown) {
    }

    /**
     * From the cache when there is one and the training windows are fixed (augmentation redraws
     * them from the recordings every epoch, so it needs the recordings in memory), else in memory.
     */
    private static Prepared prepare(DataOptions data, TrainConfig cfg, RunOptions run, TrainingListener listener,
                                    PrintStream log) {
        if (run.cache() != null && cfg.augmentation().isNone()) {
            Companion unknown = UnknownStateFit.companion(log);
            SpectrogramCache.Entry e = new SpectrogramCache(run.cache()).open(data, log, unknown);
            e.manifest().readNotes().forEach(listener::note);
            e.manifest().notes().forEach(log::println);
            return new Prepared(e.sets(), TrainingWindows.fixed(e.sets().train()),
                    UnknownStateFit.read(SpectrogramCache.companion(e, data, unknown, log), e.prepared() ? null : log));
        }
        if (run.cache() != null) {
            log.println("cache: not used with --augment (the training windows are redrawn from the recordings every epoch)");
        }
        ReadNotes notes = new ReadNotes();
        LoadedRecordings read = DatasetLoader.read(data, notes);
        notes.lines().forEach(listener::note);
        read.notes().forEach(log::println);
        PreparedDataset ds = DatasetLoader.prepare(read, DatasetLoader.plan(read, data));
        Normalization norm = Normalization.fit(ds.train(), ds.preprocessing().channelCount());
        ds.normalize(norm);
        TrainingWindows windows = Augmenter.of(cfg.augmentation(), cfg.seed(), read.recordings(), ds, norm);
        return new Prepared(TrainingSets.of(read, ds, norm), windows, UnknownStateFit.fit(RecordingSource.of(read), ds.plan(), log));
    }

    /** What makes two runs the same run: data, preprocessing and every training option but the epoch count. */
    private static String runKey(DataOptions data, TrainingSets ds, TrainConfig cfg) {
        return SpectrogramCache.key(data, ds.index(), ds.fingerprint()) + "-"
                + Integer.toHexString(java.util.Objects.hash(cfg.batchSize(), cfg.learningRate(), cfg.seed(),
                cfg.classWeights(), cfg.augmentation().toString()));
    }

    /** One line when the training windows are augmented (train and cv). */
    static void logAugmentation(TrainConfig cfg, PrintStream log) {
        if (!cfg.augmentation().isNone()) {
            log.println("augmentation: " + cfg.augmentation().describe() + " (training windows redrawn every epoch; "
                    + "validation and test never)");
        }
    }

    /**
     * Plots, metrics JSON and the ONNX export first, the model file last: a model on disk always has
     * its companions. The name is reserved first, so a concurrent run never takes it.
     */
    private static Path write(Path outDir, ModelMetadata meta, TriaxNetwork network) {
        String model = "." + ModelNaming.EXTENSION;
        String onnx = "." + OnnxExport.EXTENSION;
        try (ReservedName name = ModelNaming.reserve(outDir, LocalDateTime.now(), meta.validation().accuracy(),
                meta.test().accuracy(), List.of(model, onnx, ModelArtifacts.METRICS, ModelArtifacts.CURVES,
                        ModelArtifacts.CONFUSION))) {
            ModelArtifacts.writeCompanions(name, meta);
            OnnxExport.write(OnnxExport.export(network, meta), name.file(onnx));
            new ModelArtifact(meta, network.parameters()).save(name.file(model));
            return name.file(model);
        }
    }
}
