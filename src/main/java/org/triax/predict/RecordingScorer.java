package org.triax.predict;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.triax.TriaxException;
import org.triax.model.TriaxNetwork;
import org.triax.signal.Preprocessing;
import org.triax.signal.ReadOptions;
import org.triax.signal.Recording;
import org.triax.signal.RecordingReaders;
import org.triax.signal.SpectrogramExtractor;
import org.triax.train.ModelArtifact;
import org.triax.train.ModelMetadata;
import org.triax.train.ModelTrainer;

/**
 * Scores new recordings with a model file alone: reads each recording, applies the model's saved
 * preprocessing and normalisation to every window, and aggregates window probabilities into a
 * verdict. Holds the network: close it.
 */
public final class RecordingScorer implements AutoCloseable {
    private final ModelMetadata meta;
    private final TriaxNetwork network;
    private final SpectrogramExtractor extractor;
    private final List<String> sourceChannels;
    private final String variable;

    /**
     * @param sourceChannels channels to take from the recordings, in the model's order, when their
     *     names differ from the model's (empty: use the model's names)
     * @param variable MAT variable / HDF5 dataset to read (null: automatic)
     */
    public RecordingScorer(Path modelFile, List<String> sourceChannels, String variable) {
        ModelArtifact artifact = ModelArtifact.load(modelFile);
        this.meta = artifact.metadata();
        Preprocessing pre = meta.preprocessing();
        if (!sourceChannels.isEmpty() && sourceChannels.size() != pre.channelCount()) {
            throw new TriaxException("--channels names " + sourceChannels.size() + " channels, the model takes "
                    + pre.channelCount() + " " + pre.channels());
        }
        this.sourceChannels = List.copyOf(sourceChannels);
        this.variable = variable;
        this.extractor = pre.extractor();
        this.network = artifact.openNetwork();
    }

    public ModelMetadata metadata() {
        return meta;
    }

    public Verdict score(Path file) {
        Recording r = RecordingReaders.read(file, new ReadOptions(Double.NaN, variable));
        if (!sourceChannels.isEmpty()) {
            Recording picked = r.select(sourceChannels);
            r = new Recording(picked.source(), meta.preprocessing().channels(), picked.sampleRate(), picked.samples());
        }
        return score(r);
    }

    public Verdict score(Recording raw) {
        float[][] p = windowProbabilities(raw);
        int k = meta.classes().size();
        double[] mean = new double[k];
        int[] votes = new int[k];
        for (float[] row : p) {
            for (int c = 0; c < k; c++) {
                mean[c] += row[c];
            }
            votes[ModelTrainer.argmax(row)]++;
        }
        // divide once at the end: summing 1/n n times does not give exactly 1
        double[] share = new double[k];
        for (int c = 0; c < k; c++) {
            mean[c] /= p.length;
            share[c] = (double) votes[c] / p.length;
        }
        int best = 0;
        for (int c = 1; c < k; c++) {
            if (mean[c] > mean[best]) {
                best = c;
            }
        }
        return new Verdict(raw.source(), meta.classes().get(best), mean[best], p.length, meta.classes(), mean, share);
    }

    /** Probabilities of every window of the recording, in time order. */
    public float[][] windowProbabilities(Recording raw) {
        Preprocessing pre = meta.preprocessing();
        Recording r = pre.conform(raw);
        int[] starts = extractor.windowStarts(0, r.length());
        int size = pre.tensorSize();
        float[] data = new float[Math.multiplyExact(starts.length, size)];
        IntStream.range(0, starts.length).parallel().forEach(i -> extractor.window(r, starts[i], data, i * size));
        meta.normalization().apply(data, starts.length, size);
        return network.probabilities(data, starts.length, ModelTrainer.EVAL_BATCH);
    }

    @Override
    public void close() {
        network.close();
    }
}
