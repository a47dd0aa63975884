package org.triax.predict;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.triax.TriaxException;
import org.triax.artifact.ModelMetadata;
import org.triax.artifact.UnknownState;
import org.triax.artifact.VerdictRule;
import org.triax.model.WindowClassifier;
import org.triax.signal.IndicatorFeatures;
import org.triax.signal.Preprocessing;
import org.triax.signal.ReadOptions;
import org.triax.signal.Recording;
import org.triax.signal.RecordingReaders;
import org.triax.signal.SpectrogramExtractor;

/**
 * Scores new recordings with a model file alone: reads each recording, applies the model's saved
 * preprocessing and normalisation to every window, and aggregates window probabilities into a
 * verdict. The network runs on ONNX Runtime or DJL ({@link InferenceEngine}). On long
 * recordings the windows go through in chunks, and the next chunk's spectrograms are computed
 * while the network scores the current one. Holds the network: close it.
 */
public final class RecordingScorer implements AutoCloseable {
    /** Windows per chunk of the spectrogram / inference pipeline. */
    static final int CHUNK = 256;

    private final ScoringModel model;
    private final ModelMetadata meta;
    private final Preprocessing pre;
    private final SpectrogramExtractor extractor;
    private final List<String> sourceChannels;
    private final ReadOptions read;
    /** The unknown-state check's indicators (null: the model has no check, or it is turned off). */
    private IndicatorFeatures unknownFeatures;

    /**
     * A scorer on DJL, the engine the model was trained with (the CLI picks ONNX Runtime by
     * default: {@link #RecordingScorer(Path, InferenceEngine, List, String)}).
     */
    public RecordingScorer(Path modelFile, List<String> sourceChannels, String variable) {
        this(modelFile, InferenceEngine.DJL, sourceChannels, variable);
    }

    /**
     * @param modelFile a {@code .triax} model file, or a {@code .onnx} file exported by triax
     * @param sourceChannels channels to take from the recordings, in the model's order, when their
     *     names differ from the model's (empty: use the model's names)
     * @param variable MAT variable / HDF5 dataset to read (null: automatic)
     */
    public RecordingScorer(Path modelFile, InferenceEngine engine, List<String> sourceChannels, String variable) {
        this(modelFile, engine, sourceChannels, new ReadOptions(Double.NaN, variable), Double.NaN);
    }

    /**
     * @param read the rate of files that state none (NaN: the model's), the variable, and where
     *     notes go; its {@code keep} is replaced by the channels this scorer reads
     * @param resample Hz to resample recordings at another rate to (--resample); it must be the
     *     model's rate. NaN: only when the model was trained with resampling
     */
    public RecordingScorer(Path modelFile, InferenceEngine engine, List<String> sourceChannels, ReadOptions read,
                           double resample) {
        this(ScoringModel.open(modelFile, engine), sourceChannels, read, resample);
    }

    /** A scorer that owns {@code model} (closes it, also when this constructor fails). */
    public RecordingScorer(ScoringModel model, List<String> sourceChannels, String variable) {
        this(model, sourceChannels, new ReadOptions(Double.NaN, variable), Double.NaN);
    }

    /** A scorer that owns {@code model} (closes it, also when this constructor fails). */
    public RecordingScorer(ScoringModel model, List<String> sourceChannels, ReadOptions read, double resample) {
        try {
            this.model = model;
            this.meta = model.metadata();
            this.pre = meta.preprocessing().withResample(resample);
            if (!sourceChannels.isEmpty() && sourceChannels.size() != pre.channelCount()) {
                throw new TriaxException("--channels names " + sourceChannels.size() + " channels, the model takes "
                        + pre.channelCount() + " " + pre.channels());
            }
            this.sourceChannels = List.copyOf(sourceChannels);
            // the variable the model was trained on, unless another is asked for
            String variable = read.variable() != null ? read.variable()
                    : meta.dataset() == null ? null : meta.dataset().variable();
            this.read = new ReadOptions(read.sampleRate(), variable,
                    sourceChannels.isEmpty() ? pre.channels() : sourceChannels, read.notes());
            this.extractor = pre.extractor();
            UnknownState u = meta.unknownState();
            this.unknownFeatures = u == null ? null : new IndicatorFeatures(pre, u.bands());
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The contract recordings are brought into (the model's, resampling when asked to). */
    public Preprocessing preprocessing() {
        return pre;
    }

    public ModelMetadata metadata() {
        return meta;
    }

    /** The classifier scoring the windows (owned by this scorer). */
    public WindowClassifier classifier() {
        return model.classifier();
    }

    /** The model file and engine, in words. */
    public String source() {
        return model.source();
    }

    public Verdict score(Path file) {
        return score(read(file));
    }

    /**
     * Reads a recording as this scorer scores it: with its read options (the variable given, else
     * the one the model was trained on), the {@code sourceChannels} renamed to the model's, and a
     * single-channel recording fed to a model of the one channel {@link Preprocessing#ONLY_CHANNEL}.
     */
    public Recording read(Path file) {
        Recording r = RecordingReaders.read(file, read);
        if (!sourceChannels.isEmpty()) {
            return r.select(sourceChannels).withChannelNames(pre.channels());
        }
        return pre.asOnlyChannel(r, read.notes());
    }

    /**
     * Verdicts stay the network's answer, without the unknown-state check (for comparison with
     * models that have none, or to see what the network would say).
     */
    public RecordingScorer withoutUnknownState() {
        unknownFeatures = null;
        return this;
    }

    /** Whether verdicts carry the unknown-state check. */
    public boolean checksUnknownState() {
        return unknownFeatures != null;
    }

    public Verdict score(Recording raw) {
        return scoreWindows(raw).verdict();
    }

    /** A recording's verdict and the probabilities of its windows, in time order. */
    public record Scored(Verdict verdict, float[][] windows) {
    }

    /** Scores a recording: its windows, and the verdict on them with the unknown-state check. */
    public Scored scoreWindows(Recording raw) {
        Recording r = conform(raw);
        int[] starts = extractor.windowStarts(0, r.length());
        float[][] p = probabilities(r, starts);
        return new Scored(verdict(raw.source(), p, unknownState(r, starts)), p);
    }

    /**
     * The unknown-state check of the windows at {@code starts} of a conformed recording (null:
     * no check, or no window).
     */
    public UnknownState.Check unknownState(Recording conformed, int[] starts) {
        return unknownFeatures == null || starts.length == 0 ? null
                : meta.unknownState().check(unknownFeatures.vectors(conformed, starts));
    }

    /** The network's verdict on a recording's window probabilities ({@link #windowProbabilities}), named {@code recording}. */
    public Verdict verdict(String recording, float[][] p) {
        return verdict(recording, p, null);
    }

    /**
     * The verdict on window probabilities and the unknown-state check (null: not checked): a
     * recording the check calls unknown gets {@link UnknownState#UNKNOWN}, with the reason.
     */
    public Verdict verdict(String recording, float[][] p, UnknownState.Check check) {
        VerdictRule.Decision d = VerdictRule.decide(p, meta.classes().size());
        String predicted = check != null && check.unknown() ? UnknownState.UNKNOWN : meta.classes().get(d.predicted());
        return new Verdict(recording, predicted, d.probability(), p.length, meta.classes(), d.meanProbabilities(),
                d.windowShare(), null, check);
    }

    /** Probabilities of every window of the recording, in time order. */
    public float[][] windowProbabilities(Recording raw) {
        Recording r = conform(raw);
        return probabilities(r, extractor.windowStarts(0, r.length()));
    }

    /** The recording brought into the model's contract (its channels checked first, for a clear error). */
    private Recording conform(Recording raw) {
        if (raw.channelCount() < pre.channelCount()) {
            try {
                raw.select(pre.channels());
            } catch (TriaxException e) {
                throw new TriaxException(e.getMessage() + "; the recording has " + raw.channelCount()
                        + " channel(s), the model takes " + pre.channelCount() + " (" + String.join(", ", pre.channels())
                        + ")", e);
            }
        }
        return pre.conform(raw);
    }

    private float[][] probabilities(Recording r, int[] starts) {
        if (starts.length <= CHUNK) {
            // one chunk: nothing to overlap, and a hand-off to another thread only adds latency
            return model.classifier().probabilities(tensors(r, starts, 0), starts.length);
        }
        float[][] out = new float[starts.length][];
        CompletableFuture<float[]> next = CompletableFuture.supplyAsync(() -> tensors(r, starts, 0));
        try {
            for (int from = 0; from < starts.length; from += CHUNK) {
                float[] data = join(next);
                int after = from + CHUNK;
                // the next chunk's spectrograms are computed while the network scores this one
                next = after < starts.length ? CompletableFuture.supplyAsync(() -> tensors(r, starts, after)) : null;
                int n = Math.min(CHUNK, starts.length - from);
                System.arraycopy(model.classifier().probabilities(data, n), 0, out, from, n);
            }
        } finally {
            if (next != null) {
                next.cancel(false);
            }
        }
        return out;
    }

    /** Normalised tensors of the windows {@code from .. from + CHUNK} (fewer at the end). */
    private float[] tensors(Recording r, int[] starts, int from) {
        int size = pre.tensorSize();
        int n = Math.min(CHUNK, starts.length - from);
        float[] data = new float[Math.multiplyExact(n, size)];
        IntStream windows = IntStream.range(0, n);
        (n > 1 ? windows.parallel() : windows).forEach(i -> extractor.window(r, starts[from + i], data, i * size));
        meta.normalization().apply(data, n, size);
        return data;
    }

    private static float[] join(CompletableFuture<float[]> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
