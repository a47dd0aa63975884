package org.triax.train;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.triax.TriaxException;
import org.triax.artifact.Metrics;
import org.triax.artifact.ModelArtifact;
import org.triax.artifact.TrainConfig;
import org.triax.artifact.VerdictRule;
import org.triax.dataset.Augmenter;
import org.triax.dataset.DataOptions;
import org.triax.dataset.DatasetLoader;
import org.triax.dataset.LoadedRecordings;
import org.triax.dataset.Normalization;
import org.triax.dataset.PreparedDataset;
import org.triax.dataset.SplitPlan;
import org.triax.dataset.Splitter;
import org.triax.dataset.TrainingWindows;
import org.triax.io.AtomicFiles;
import org.triax.io.ReservedName;
import org.triax.model.Design;
import org.triax.signal.Preprocessing;
import org.triax.signal.ReadNotes;

/**
 * {@code triax cv}: leave-one-group-out cross-validation. Each group (machine, bearing, run, load)
 * in turn is the test set, validation takes whole groups from the rest, train the remainder; the
 * figure is the mean and spread over folds of the held-out group's accuracy: how a model does on
 * a machine it has never seen. Normalisation is fitted per fold on its training windows.
 */
public final class CrossValidation {

    /** One design tested on one held-out group. */
    public record Fold(String heldOut, Design design, int testRecordings, int testWindows, double windowAccuracy,
                       double recordingAccuracy, int bestEpoch, Metrics test) {
    }

    /** Mean and sample standard deviation over the folds of one design (accuracy in 0..1). */
    public record Summary(Design design, int folds, double meanWindowAccuracy, double sdWindowAccuracy,
                          double meanRecordingAccuracy, double sdRecordingAccuracy) {
    }

    /** @param preprocessing the input contract of every fold (window, STFT, input transform) */
    public record Report(String dataset, String grouping, List<String> groups, List<String> classes, TrainConfig training,
                         Preprocessing preprocessing, String createdAt, List<Fold> folds, List<Summary> summaries) {
    }

    private CrossValidation() {
    }

    public static Report run(DataOptions data, List<Design> designs, TrainConfig cfg, TrainingListener listener,
                             PrintStream log) {
        if (!data.testGroups().isEmpty()) {
            throw new TriaxException("cv holds out each group in turn: --test-groups " + String.join(",", data.testGroups())
                    + " is for train (drop it, or use triax train)");
        }
        ReadNotes notes = new ReadNotes();
        LoadedRecordings read = DatasetLoader.read(data, notes);
        notes.lines().forEach(listener::note);
        read.notes().forEach(log::println);
        if (read.groups().isEmpty()) {
            throw new TriaxException("cv needs groups: --group-by REGEX (on the recordings' relative paths) or --groups "
                    + "MANIFEST.csv, or group-by= / groups= in " + data.root().resolve("triax.properties"));
        }
        List<String> groups = read.groups().stream().distinct().sorted().toList();
        if (groups.size() < 3) {
            throw new TriaxException("cv needs at least 3 groups (test, validation, train), " + read.grouping() + " gives "
                    + groups.size() + ": " + groups);
        }
        log.printf("leave-one-group-out: %d groups (%s), %d recordings, designs %s; input %s%n", groups.size(),
                read.grouping(), read.recordings().size(), designs.stream().map(Design::label).toList(),
                read.preprocessing().describeTransform());
        TrainJob.logAugmentation(cfg, log);
        List<Fold> folds = new ArrayList<>();
        for (String held : groups) {
            SplitPlan plan = Splitter.leaveGroupOut(read.labels(), read.lengths(), read.index().classes(),
                    data.fractions(), cfg.seed(), read.grouping(), read.groups(), held);
            PreparedDataset ds = DatasetLoader.prepare(read, plan);
            Normalization norm = Normalization.fit(ds.train(), ds.preprocessing().channelCount());
            ds.normalize(norm);
            TrainingWindows windows = Augmenter.of(cfg.augmentation(), cfg.seed(), read.recordings(), ds, norm);
            for (Design design : designs) {
                try (TrainingResult r = ModelTrainer.train(ds, windows, design, cfg, listener)) {
                    Fold f = fold(held, design, ds, r);
                    folds.add(f);
                    log.printf("fold %-16s %-8s test %3d recordings %6d windows: window accuracy %6.2f %%, "
                                    + "recording accuracy %6.2f %% (best epoch %d)%n", held, design.label(),
                            f.testRecordings(), f.testWindows(), 100 * f.windowAccuracy(), 100 * f.recordingAccuracy(),
                            f.bestEpoch());
                }
            }
        }
        List<Summary> summaries = designs.stream().map(d -> summary(d, folds)).toList();
        return new Report(data.root().toAbsolutePath().normalize().toString(), read.grouping(), groups,
                read.index().classes(), cfg, read.preprocessing(), OffsetDateTime.now().withNano(0).toString(), folds, summaries);
    }

    /** Writes the report as {@code cv_<yyyyMMdd-HHmmss>.json} in {@code dir}; returns the file. */
    public static Path write(Report report, Path dir) {
        DateTimeFormatter stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
        try (ReservedName name = ReservedName.bySecond(dir, LocalDateTime.now(), t -> "cv_" + stamp.format(t),
                List.of(".json"))) {
            Path file = name.file(".json");
            AtomicFiles.write(file, out -> out.write(ModelArtifact.JSON.writeValueAsBytes(report)));
            return file;
        }
    }

    private static Fold fold(String held, Design design, PreparedDataset ds, TrainingResult r) {
        int classes = ds.index().classes().size();
        float[][] p = r.network().probabilities(ds.test().data(), ds.test().size(), ModelTrainer.EVAL_BATCH);
        int[] predicted = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            predicted[i] = VerdictRule.argmax(p[i]);
        }
        Metrics m = Metrics.of(ds.test().labels(), predicted, classes);
        VerdictRule.Tally t = VerdictRule.tally(p, ds.test().labels(), ds.test().recordings(), classes);
        return new Fold(held, design, t.recordings(), p.length, m.accuracy(), t.accuracy(), r.bestEpoch(), m);
    }

    private static Summary summary(Design d, List<Fold> folds) {
        double[] w = folds.stream().filter(f -> f.design() == d).mapToDouble(Fold::windowAccuracy).toArray();
        double[] rec = folds.stream().filter(f -> f.design() == d).mapToDouble(Fold::recordingAccuracy).toArray();
        return new Summary(d, w.length, mean(w), sd(w), mean(rec), sd(rec));
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return x.length == 0 ? Double.NaN : s / x.length;
    }

    /** Sample standard deviation (n - 1); 0 for one fold. */
    static double sd(double[] x) {
        if (x.length < 2) {
            return 0;
        }
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (x.length - 1));
    }
}
