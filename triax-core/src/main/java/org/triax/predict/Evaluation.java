package org.triax.predict;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.triax.TriaxException;
import org.triax.artifact.Metrics;
import org.triax.artifact.ModelMetadata;
import org.triax.artifact.UnknownState;
import org.triax.artifact.VerdictRule;
import org.triax.dataset.DatasetIndex;
import org.triax.dataset.Fingerprint;
import org.triax.dataset.LabelledFile;
import org.triax.dataset.SpectrogramSet;
import org.triax.dataset.SplitPlan;
import org.triax.dataset.SplitProtocol;
import org.triax.dataset.Subset;
import org.triax.onnx.Precision;
import org.triax.signal.ReadOptions;
import org.triax.signal.Recording;

/**
 * {@code triax evaluate}: a model on a labelled folder. On the very data it was trained on (same
 * fingerprint) it scores the test blocks the model saved (its own split, whatever the protocol),
 * reproducing the stored test metrics; on any other folder, or when the training folder's data
 * changed (said in the report), it scores every window of every recording.
 */
public final class Evaluation {

    /**
     * @param scope what was scored, in words
     * @param note why the saved test set was not used although the folder is the training folder (else null)
     * @param unknownState how the unknown-state check did (null: the model has none)
     */
    public record Report(String scope, List<String> classes, Metrics windows, double recordingAccuracy,
                         int recordings, String note, UnknownStateFigures unknownState) {
    }

    /**
     * The unknown-state check on a labelled folder: recordings of the model's classes it called
     * unknown (false alarms), and recordings of class folders the model does not know (only
     * accepted with the check) it called unknown (detections). The metrics above leave the latter out.
     *
     * @param unseenClasses class folders the model was not trained on
     */
    public record UnknownStateFigures(int known, int knownCalledUnknown, List<String> unseenClasses, int unseen,
                                      int unseenCalledUnknown) {
    }

    private Evaluation() {
    }

    /** {@link #run(Path, Path, boolean, String, InferenceEngine)} on DJL. */
    public static Report run(Path modelFile, Path dataDir, boolean allWindows, String variable) {
        return run(modelFile, dataDir, allWindows, variable, InferenceEngine.DJL);
    }

    /** @param modelFile a {@code .triax} model file or a {@code .onnx} file exported by triax */
    public static Report run(Path modelFile, Path dataDir, boolean allWindows, String variable, InferenceEngine engine) {
        return run(modelFile, dataDir, allWindows, new ReadOptions(Double.NaN, variable), Double.NaN, engine, List.of());
    }

    /**
     * @param modelFile a {@code .triax} model file or a {@code .onnx} file exported by triax
     * @param read the rate of files that state none (--fs), the variable (null: the one the model
     *     was trained on), where notes go
     * @param resample --resample Hz (NaN: none), see {@link RecordingScorer}
     * @param sourceChannels recording channels to feed as the model's, in its order (empty: by the model's names)
     */
    public static Report run(Path modelFile, Path dataDir, boolean allWindows, ReadOptions read, double resample,
                             InferenceEngine engine, List<String> sourceChannels) {
        return run(modelFile, dataDir, allWindows, read, resample, engine, Precision.FP32, sourceChannels);
    }

    /** {@link #run(Path, Path, boolean, ReadOptions, double, InferenceEngine, List)} at a precision ({@link ScoringModel}). */
    public static Report run(Path modelFile, Path dataDir, boolean allWindows, ReadOptions read, double resample,
                             InferenceEngine engine, Precision precision, List<String> sourceChannels) {
        try (RecordingScorer scorer = new RecordingScorer(ScoringModel.open(modelFile, engine, 0, precision), sourceChannels,
                read, resample)) {
            ModelMetadata meta = scorer.metadata();
            DatasetIndex index = DatasetIndex.scan(dataDir, 1);
            String fingerprint = Fingerprint.of(index);
            boolean sameData = fingerprint.equals(meta.dataset().fingerprint());
            if (!allWindows && sameData) {
                return savedTestSet(meta, scorer, index);
            }
            String note = null;
            if (!sameData && sameFolder(meta, dataDir)) {
                note = "the data in " + dataDir + " changed since the model was trained (fingerprint " + fingerprint
                        + ", the model's " + meta.dataset().fingerprint() + "): its saved test set no longer applies, "
                        + "so every window of every recording is scored, training recordings included";
            }
            int[] classMap = classMap(index, meta.classes(), scorer.checksUnknownState());
            List<float[]> probabilities = new ArrayList<>();
            List<Integer> truth = new ArrayList<>();
            List<Integer> recordings = new ArrayList<>();
            UnknownStateTally unknown = new UnknownStateTally();
            for (int r = 0; r < index.files().size(); r++) {
                LabelledFile f = index.files().get(r);
                RecordingScorer.Scored scored = scorer.scoreWindows(scorer.read(f.path()));
                boolean known = classMap[f.label()] >= 0;
                unknown.add(known, scored.verdict().unknownState());
                for (float[] row : known ? scored.windows() : new float[0][]) {
                    probabilities.add(row);
                    truth.add(classMap[f.label()]);
                    recordings.add(r);
                }
            }
            if (probabilities.isEmpty()) {
                throw new TriaxException(dataDir + " holds no recording of the model's classes ("
                        + String.join(", ", meta.classes()) + ")");
            }
            return report("all windows of " + recordings.stream().distinct().count() + " recordings in " + dataDir,
                    meta.classes(), probabilities.toArray(new float[0][]), toArray(truth), toArray(recordings), note,
                    scorer.checksUnknownState() ? unknown.figures(unseen(index, classMap)) : null);
        }
    }

    /** The test blocks saved in the model, read from the (unchanged) training folder. */
    private static Report savedTestSet(ModelMetadata meta, RecordingScorer scorer, DatasetIndex index) {
        ModelMetadata.Split s = meta.split();
        SavedBlocks saved = SavedBlocks.read(meta, scorer, index, Subset.TEST, classMap(index, meta.classes(), false));
        List<SplitPlan.Block> test = saved.blocks();
        List<Recording> recordings = saved.recordings();
        SpectrogramSet set = SpectrogramSet.extract(test, recordings, scorer.preprocessing().extractor());
        meta.normalization().apply(set.data(), set.size(), set.tensorSize());
        UnknownStateTally unknown = new UnknownStateTally();
        for (SplitPlan.Block b : test) {
            unknown.add(true, scorer.unknownState(recordings.get(b.recording()),
                    scorer.preprocessing().extractor().windowStarts(b.from(), b.to())));
        }
        String protocol = SplitProtocol.valueOf(s.protocol()).label();
        return report("test set saved in the model (" + protocol + (s.grouping() == null ? "" : ", " + s.grouping())
                        + ", seed " + s.seed() + ": " + test.size() + " blocks) of " + index.root(), meta.classes(),
                scorer.classifier().probabilities(set.data(), set.size()), set.labels(), set.recordings(), null,
                scorer.checksUnknownState() ? unknown.figures(List.of()) : null);
    }

    private static boolean sameFolder(ModelMetadata meta, Path dataDir) {
        return meta.dataset().path() != null
                && Path.of(meta.dataset().path()).equals(dataDir.toAbsolutePath().normalize());
    }

    /** Window metrics, and recording accuracy with each recording decided by the {@link VerdictRule}. */
    private static Report report(String scope, List<String> classes, float[][] p, int[] truth, int[] recordings,
                                 String note, UnknownStateFigures unknown) {
        int[] predicted = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            predicted[i] = VerdictRule.argmax(p[i]);
        }
        VerdictRule.Tally t = VerdictRule.tally(p, truth, recordings, classes.size());
        return new Report(scope, classes, Metrics.of(truth, predicted, classes.size()), t.accuracy(), t.recordings(), note,
                unknown);
    }

    private static List<String> unseen(DatasetIndex index, int[] classMap) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < classMap.length; i++) {
            if (classMap[i] < 0) {
                out.add(index.classes().get(i));
            }
        }
        return out;
    }

    /** Counts of recordings called unknown, of known and of unseen classes. */
    private static final class UnknownStateTally {
        private int known;
        private int knownUnknown;
        private int unseen;
        private int unseenUnknown;

        void add(boolean knownClass, UnknownState.Check check) {
            boolean called = check != null && check.unknown();
            if (knownClass) {
                known++;
                knownUnknown += called ? 1 : 0;
            } else {
                unseen++;
                unseenUnknown += called ? 1 : 0;
            }
        }

        UnknownStateFigures figures(List<String> unseenClasses) {
            return new UnknownStateFigures(known, knownUnknown, unseenClasses, unseen, unseenUnknown);
        }
    }

    private static int[] toArray(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Dataset class index to model class index (-1: a folder the model does not know, accepted only
     * when {@code unseenAllowed}: then its recordings test the unknown-state check).
     */
    static int[] classMap(DatasetIndex index, List<String> modelClasses, boolean unseenAllowed) {
        int[] map = new int[index.classes().size()];
        for (int i = 0; i < map.length; i++) {
            map[i] = modelClasses.indexOf(index.classes().get(i));
            if (map[i] < 0 && !unseenAllowed) {
                throw new TriaxException("class folder '" + index.classes().get(i) + "' in " + index.root()
                        + " is not a class of the model (classes: " + String.join(", ", modelClasses) + ")");
            }
        }
        return map;
    }
}
