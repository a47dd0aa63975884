package org.triax.predict;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.triax.TriaxException;
import org.triax.artifact.Metrics;
import org.triax.artifact.ModelMetadata;
import org.triax.artifact.VerdictRule;
import org.triax.dataset.DataOptions;
import org.triax.dataset.DatasetIndex;
import org.triax.dataset.DatasetLoader;
import org.triax.dataset.Fingerprint;
import org.triax.dataset.LabelledFile;
import org.triax.dataset.PreparedDataset;
import org.triax.dataset.SplitFractions;
import org.triax.dataset.SplitProtocol;
import org.triax.model.WindowClassifier;
import org.triax.signal.Preprocessing;
import org.triax.signal.ReadOptions;

/**
 * {@code triax evaluate}: a model on a labelled folder. On the very data it was trained on (same
 * fingerprint) it re-derives the saved split and scores the test set, reproducing the stored test
 * metrics; on any other folder it scores every window of every recording.
 */
public final class Evaluation {

    /** @param scope what was scored, in words */
    public record Report(String scope, List<String> classes, Metrics windows, double recordingAccuracy,
                         int recordings) {
    }

    private Evaluation() {
    }

    /** {@link #run(Path, Path, boolean, String, InferenceEngine)} on DJL (the CLI defaults to ONNX Runtime). */
    public static Report run(Path modelFile, Path dataDir, boolean allWindows, String variable) {
        return run(modelFile, dataDir, allWindows, variable, InferenceEngine.DJL);
    }

    /** @param modelFile a {@code .triax} model file or a {@code .onnx} file exported by triax */
    public static Report run(Path modelFile, Path dataDir, boolean allWindows, String variable, InferenceEngine engine) {
        return run(modelFile, dataDir, allWindows, new ReadOptions(Double.NaN, variable), Double.NaN, engine);
    }

    /**
     * @param read the rate of files that state none (--fs), the variable, where notes go
     * @param resample --resample Hz (NaN: none), see {@link RecordingScorer}
     */
    public static Report run(Path modelFile, Path dataDir, boolean allWindows, ReadOptions read, double resample,
                             InferenceEngine engine) {
        try (RecordingScorer scorer = new RecordingScorer(modelFile, engine, List.of(), read, resample)) {
            ModelMetadata meta = scorer.metadata();
            DatasetIndex index = DatasetIndex.scan(dataDir, 1);
            if (!allWindows && Fingerprint.of(index).equals(meta.dataset().fingerprint())) {
                return testSet(meta, scorer.classifier(), dataDir, read, scorer.preprocessing());
            }
            int[] classMap = classMap(index, meta.classes());
            List<float[]> probabilities = new ArrayList<>();
            List<Integer> truth = new ArrayList<>();
            List<Integer> recordings = new ArrayList<>();
            for (int r = 0; r < index.files().size(); r++) {
                LabelledFile f = index.files().get(r);
                for (float[] row : scorer.windowProbabilities(scorer.read(f.path()))) {
                    probabilities.add(row);
                    truth.add(classMap[f.label()]);
                    recordings.add(r);
                }
            }
            return report("all windows of " + index.files().size() + " recordings in " + dataDir, meta.classes(),
                    probabilities.toArray(new float[0][]), toArray(truth), toArray(recordings));
        }
    }

    private static Report testSet(ModelMetadata meta, WindowClassifier net, Path dataDir, ReadOptions read,
                                  Preprocessing pre) {
        ModelMetadata.Split s = meta.split();
        DataOptions o = new DataOptions(dataDir, meta.preprocessing().channels(), read.sampleRate(),
                read.variable(), meta.preprocessing().window(), meta.preprocessing().stft(), SplitProtocol.valueOf(s.protocol()),
                new SplitFractions(s.fractions().train(), s.fractions().validation(), s.fractions().test()), s.seed());
        PreparedDataset ds = DatasetLoader.load(o, pre, read.notes());
        ds.normalize(meta.normalization());
        return report("test set of the model's own split (" + s.protocol().toLowerCase().replace('_', '-')
                        + ", seed " + s.seed() + ") of " + dataDir, meta.classes(),
                net.probabilities(ds.test().data(), ds.test().size()), ds.test().labels(), ds.test().recordings());
    }

    /** Window metrics, and recording accuracy with each recording decided by the {@link VerdictRule}. */
    private static Report report(String scope, List<String> classes, float[][] p, int[] truth, int[] recordings) {
        int[] predicted = new int[p.length];
        Map<Integer, List<float[]>> byRecording = new TreeMap<>();
        Map<Integer, Integer> label = new HashMap<>();
        for (int i = 0; i < p.length; i++) {
            predicted[i] = VerdictRule.argmax(p[i]);
            byRecording.computeIfAbsent(recordings[i], k -> new ArrayList<>()).add(p[i]);
            label.put(recordings[i], truth[i]);
        }
        long right = byRecording.entrySet().stream().filter(e -> VerdictRule.decide(
                e.getValue().toArray(new float[0][]), classes.size()).predicted() == label.get(e.getKey())).count();
        return new Report(scope, classes, Metrics.of(truth, predicted, classes.size()),
                byRecording.isEmpty() ? 0 : (double) right / byRecording.size(), byRecording.size());
    }

    private static int[] toArray(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Dataset class index to model class index; a folder the model does not know is an error. */
    private static int[] classMap(DatasetIndex index, List<String> modelClasses) {
        int[] map = new int[index.classes().size()];
        for (int i = 0; i < map.length; i++) {
            map[i] = modelClasses.indexOf(index.classes().get(i));
            if (map[i] < 0) {
                throw new TriaxException("class folder '" + index.classes().get(i) + "' in " + index.root()
                        + " is not a class of the model (classes: " + String.join(", ", modelClasses) + ")");
            }
        }
        return map;
    }
}
