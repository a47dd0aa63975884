package org.triax.predict;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.triax.TriaxException;
import org.triax.dataset.DataOptions;
import org.triax.dataset.DatasetIndex;
import org.triax.dataset.DatasetLoader;
import org.triax.dataset.Fingerprint;
import org.triax.dataset.LabelledFile;
import org.triax.dataset.PreparedDataset;
import org.triax.dataset.SplitFractions;
import org.triax.dataset.SplitProtocol;
import org.triax.model.TriaxNetwork;
import org.triax.signal.ReadOptions;
import org.triax.signal.RecordingReaders;
import org.triax.train.Metrics;
import org.triax.train.ModelArtifact;
import org.triax.train.ModelMetadata;
import org.triax.train.ModelTrainer;

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

    public static Report run(Path modelFile, Path dataDir, boolean allWindows, String variable) {
        ModelArtifact artifact = ModelArtifact.load(modelFile);
        ModelMetadata meta = artifact.metadata();
        DatasetIndex index = DatasetIndex.scan(dataDir);
        if (!allWindows && Fingerprint.of(index).equals(meta.dataset().fingerprint())) {
            return testSet(artifact, dataDir, variable);
        }
        int[] classMap = classMap(index, meta.classes());
        try (RecordingScorer scorer = new RecordingScorer(modelFile, List.of(), variable)) {
            List<Integer> truth = new ArrayList<>();
            List<Integer> pred = new ArrayList<>();
            int rightRecordings = 0;
            for (LabelledFile f : index.files()) {
                int y = classMap[f.label()];
                float[][] p = scorer.windowProbabilities(RecordingReaders.read(f.path(), new ReadOptions(Double.NaN, variable)));
                double[] mean = new double[meta.classes().size()];
                for (float[] row : p) {
                    truth.add(y);
                    pred.add(ModelTrainer.argmax(row));
                    for (int c = 0; c < mean.length; c++) {
                        mean[c] += row[c];
                    }
                }
                if (argmax(mean) == y) {
                    rightRecordings++;
                }
            }
            Metrics m = Metrics.of(truth.stream().mapToInt(Integer::intValue).toArray(),
                    pred.stream().mapToInt(Integer::intValue).toArray(), meta.classes().size());
            return new Report("all windows of " + index.files().size() + " recordings in " + dataDir,
                    meta.classes(), m, (double) rightRecordings / index.files().size(), index.files().size());
        }
    }

    private static Report testSet(ModelArtifact artifact, Path dataDir, String variable) {
        ModelMetadata meta = artifact.metadata();
        ModelMetadata.Split s = meta.split();
        DataOptions o = new DataOptions(dataDir, meta.preprocessing().channels(), meta.preprocessing().sampleRate(),
                variable, meta.preprocessing().window(), meta.preprocessing().stft(), SplitProtocol.valueOf(s.protocol()),
                new SplitFractions(s.fractions().train(), s.fractions().validation(), s.fractions().test()), s.seed());
        PreparedDataset ds = DatasetLoader.load(o, meta.preprocessing());
        ds.normalize(meta.normalization());
        try (TriaxNetwork net = artifact.openNetwork()) {
            Metrics m = ModelTrainer.evaluate(net, ds.test(), meta.classes().size());
            float[][] p = net.probabilities(ds.test().data(), ds.test().size(), ModelTrainer.EVAL_BATCH);
            int[] recs = ds.test().recordings();
            java.util.Map<Integer, double[]> sums = new java.util.TreeMap<>();
            java.util.Map<Integer, Integer> label = new java.util.HashMap<>();
            for (int i = 0; i < p.length; i++) {
                double[] sum = sums.computeIfAbsent(recs[i], k -> new double[meta.classes().size()]);
                for (int c = 0; c < sum.length; c++) {
                    sum[c] += p[i][c];
                }
                label.put(recs[i], ds.test().labels()[i]);
            }
            long right = sums.entrySet().stream().filter(e -> argmax(e.getValue()) == label.get(e.getKey())).count();
            return new Report("test set of the model's own split (" + s.protocol().toLowerCase().replace('_', '-')
                    + ", seed " + s.seed() + ") of " + dataDir, meta.classes(), m,
                    sums.isEmpty() ? 0 : (double) right / sums.size(), sums.size());
        }
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

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
