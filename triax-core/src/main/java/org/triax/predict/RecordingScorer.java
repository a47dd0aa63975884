package org.triax.predict;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.triax.TriaxException;
import org.triax.artifact.ModelArtifact;
import org.triax.artifact.ModelMetadata;
import org.triax.artifact.UnknownState;
import org.triax.artifact.VerdictRule;
import org.triax.io.Sha256;
import org.triax.model.WindowClassifier;
import org.triax.signal.IndicatorFeatures;
import org.triax.signal.Preprocessing;
import org.triax.signal.ReadOptions;
import org.triax.signal.Recording;
import org.triax.signal.RecordingInput;
import org.triax.signal.RecordingReaders;
import org.triax.signal.SampleStream;
import org.triax.signal.SpectrogramExtractor;

/**
 * Scores new recordings with a model file alone: reads each recording, applies the model's saved
 * preprocessing and normalisation to every window, and aggregates window probabilities into a
 * verdict. The network runs on ONNX Runtime or DJL ({@link InferenceEngine}). On long
 * recordings the windows go through in chunks, and the next chunk's spectrograms are computed
 * while the network scores the current one. A file of {@link #STREAM_BYTES} or more (CSV, gzipped
 * or not, and WAV) is read and scored chunk by chunk instead ({@link SampleStream}), so memory
 * does not grow with its length; its verdict is the one the whole-file path gives (same windows,
 * same chunks, same rule). Holds the network: close it; one thread at a time.
 */
public final class RecordingScorer implements AutoCloseable {
    /** Windows per chunk of the spectrogram / inference pipeline. */
    static final int CHUNK = 256;
    /** Files this large or larger are streamed rather than read whole (16 MiB: ~0.3 M rows of 3-channel text). */
    public static final long STREAM_BYTES = 16L << 20;

    private final ScoringModel model;
    private final ModelMetadata meta;
    private final Preprocessing pre;
    private final SpectrogramExtractor extractor;
    private final List<String> sourceChannels;
    private final ReadOptions read;
    private long streamBytes = STREAM_BYTES;
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

    /**
     * What decides this scorer's verdicts, in one line: the model (the SHA-256 of its weights and of
     * its metadata, which the {@code .triax}, its {@code .onnx} export and the engine share), the precision, and how
     * recordings are read and brought to the model; not the engine or the threads, which give the
     * same verdicts. {@code --resume} refuses an output another origin started.
     */
    public String origin() {
        String metadata;
        try {
            metadata = Sha256.hex(ModelArtifact.JSON.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                    .writeValueAsString(meta));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("model metadata that does not serialise", e);
        }
        return "model weights sha256:" + model.weightsSha256() + " metadata sha256:" + metadata + " "
                + model.precision().name().toLowerCase(java.util.Locale.ROOT)
                + "; channels " + sourceChannels + "; fs " + read.sampleRate() + "; variable " + read.variable()
                + "; resample " + pre.resample() + " " + pre.sampleRate() + "; unknown state "
                + (checksUnknownState() ? "on" : "off");
    }

    /** Streams files of at least {@code bytes} (0: every CSV and WAV file; Long.MAX_VALUE: none). */
    public RecordingScorer streamFilesFrom(long bytes) {
        streamBytes = bytes;
        return this;
    }

    public Verdict score(Path file) {
        return scoreFile(file, false).verdict();
    }

    /**
     * {@link #scoreWindows(Recording)} of a file: streamed from {@link #streamFilesFrom} bytes on,
     * as {@link #score(Path)} streams it, so that memory grows with its windows' probabilities
     * (a few floats each), not with its samples.
     */
    public Scored scoreWindows(Path file) {
        return scoreFile(file, true);
    }

    /** A file streamed when large enough (its windows' probabilities kept when {@code keep}), else read whole. */
    private Scored scoreFile(Path file, boolean keep) {
        if (size(file) >= streamBytes) {
            try (SampleStream s = RecordingReaders.openStream(file, read)) {
                Scored v = s == null ? null : streamed(s, keep);
                if (v != null) {
                    return v;
                }
            }
        }
        return scoreWindows(read(file));
    }

    /**
     * Scores a recording that arrives as a stream (a distributed file system's file, an upload):
     * spooled to a temporary file under its name (the extension picks the reader; MAT and HDF5
     * need random access), scored as {@link #score(Path)} scores it, and deleted. The verdict and
     * any error name the recording {@code name}.
     */
    public Verdict score(String name, InputStream in) {
        Path dir = null;
        Path file = null;
        try {
            dir = Files.createTempDirectory("triax-score-");
            file = dir.resolve(Path.of(name).getFileName().toString());
            Files.copy(in, file);
            return score(file).named(name);
        } catch (TriaxException e) {
            throw new TriaxException(e.getMessage().replace(String.valueOf(file), name), e);
        } catch (IOException e) {
            throw new TriaxException(name + ": cannot spool it to a temporary file (" + e.getMessage() + ")", e);
        } finally {
            deleteQuietly(file);
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            if (p != null) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a temporary file left behind in the system's temporary folder
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1; // the reader says what is wrong with it
        }
    }

    /**
     * The verdict on a streamed recording, read chunk by chunk: the same windows, chunks and rule
     * as {@link #score(Recording)}, in memory that does not grow with the length. Null when it must
     * be resampled ({@code --resample}, which transforms the whole signal at once): read it whole.
     */
    public Verdict score(SampleStream s) {
        Scored v = streamed(s, false);
        return v == null ? null : v.verdict();
    }

    /** {@link #score(SampleStream)}, with the windows' probabilities when {@code keep} (else none). */
    private Scored streamed(SampleStream s, boolean keep) {
        int[] columns = streamChannels(s);
        if (pre.resamples(s.source(), s.sampleRate())) {
            return null;
        }
        pre.checkLength(s.source(), s.length());
        int window = pre.window().length();
        int hop = pre.window().hop();
        long windows = (s.length() - window) / hop + 1;
        int span = window + (CHUNK - 1) * hop; // the samples of one chunk of windows
        double[][] buffer = new double[s.channels().size()][span];
        double[][] selected = Arrays.stream(columns).mapToObj(c -> buffer[c]).toArray(double[][]::new);
        int filled = fill(s, buffer, 0, span);
        VerdictRule.Accumulator decision = new VerdictRule.Accumulator(meta.classes().size());
        UnknownState.Accumulator unknown = unknownFeatures == null ? null : meta.unknownState().accumulator();
        float[][] kept = keep ? new float[Math.toIntExact(windows)][] : null;
        // the rate a whole recording is conformed to (pre.conformRate): the contract's, else its own
        double fs = Double.isNaN(pre.sampleRate()) || !Double.isNaN(s.sampleRate()) ? s.sampleRate() : pre.sampleRate();
        for (long w = 0; w < windows; ) {
            int n = (int) Math.min(CHUNK, windows - w);
            int[] starts = IntStream.range(0, n).map(i -> i * hop).toArray();
            float[][] chunk = model.classifier().probabilities(tensors(selected, starts, 0, n), n);
            for (float[] p : chunk) {
                decision.add(p);
            }
            if (kept != null) {
                System.arraycopy(chunk, 0, kept, (int) w, n);
            }
            if (unknown != null) {
                for (double[] v : unknownFeatures.vectors(new Recording(s.source(), pre.channels(), fs, selected), starts)) {
                    unknown.add(v);
                }
            }
            w += n;
            // drop the samples before the next chunk's first window (a hop longer than the window skips unread ones)
            long drop = (long) n * hop;
            int left = (int) Math.max(0, filled - drop);
            for (double[] channel : buffer) {
                System.arraycopy(channel, filled - left, channel, 0, left);
            }
            for (long skip = drop - (filled - left); skip > 0; ) {
                int got = fill(s, buffer, 0, (int) Math.min(span, skip));
                if (got == 0) {
                    break;
                }
                skip -= got;
            }
            filled = fill(s, buffer, left, span);
        }
        return new Scored(verdict(s.source(), decision.decide(), Math.toIntExact(windows),
                unknown == null ? null : unknown.check()), kept);
    }

    /** Reads {@code s} into {@code buffer[.][from, to)}, or to its end; the samples now held. */
    private static int fill(SampleStream s, double[][] buffer, int from, int to) {
        int at = from;
        for (int n; at < to && (n = s.read(buffer, at, to - at)) > 0; ) {
            at += n;
        }
        return at;
    }

    /** The stream's channel of each model channel, found as {@link #read} and {@link #conform} find them. */
    private int[] streamChannels(SampleStream s) {
        List<String> available = s.channels();
        List<String> wanted = sourceChannels.isEmpty() ? pre.channels() : sourceChannels;
        if (sourceChannels.isEmpty() && pre.channels().size() == 1 && available.size() == 1
                && pre.channels().get(0).equalsIgnoreCase(Preprocessing.ONLY_CHANNEL)
                && !available.get(0).equalsIgnoreCase(Preprocessing.ONLY_CHANNEL)) {
            read.notes().add(s.source(), "one channel, named otherwise: read as the model's one channel "
                    + Preprocessing.ONLY_CHANNEL);
            return new int[] {0};
        }
        try {
            return wanted.stream().mapToInt(name -> Recording.channelIndex(s.source(), available, name)).toArray();
        } catch (TriaxException e) {
            throw sourceChannels.isEmpty() && available.size() < pre.channelCount() ? tooFewChannels(e, available.size()) : e;
        }
    }

    private TriaxException tooFewChannels(TriaxException e, int channels) {
        return new TriaxException(e.getMessage() + "; the recording has " + channels
                + " channel(s), the model takes " + pre.channelCount() + " (" + String.join(", ", pre.channels())
                + ")", e);
    }

    /**
     * Reads a recording as this scorer scores it: with its read options (the variable given, else
     * the one the model was trained on), the {@code sourceChannels} renamed to the model's, and a
     * single-channel recording fed to a model of the one channel {@link Preprocessing#ONLY_CHANNEL}.
     */
    public Recording read(Path file) {
        return read(RecordingInput.of(file));
    }

    /** {@link #read(Path)} of a file or of a recording's bytes in memory under its file name (an upload). */
    public Recording read(RecordingInput input) {
        Recording r = RecordingReaders.read(input, read);
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
        return new Scored(verdict(raw.source(), VerdictRule.decide(p, meta.classes().size()), p.length,
                unknownState(r, starts)), p);
    }

    /**
     * The unknown-state check of the windows at {@code starts} of a conformed recording (null:
     * no check, or no window).
     */
    public UnknownState.Check unknownState(Recording conformed, int[] starts) {
        return unknownFeatures == null || starts.length == 0 ? null
                : meta.unknownState().check(unknownFeatures.vectors(conformed, starts));
    }

    /**
     * The verdict on the windows' decision and the unknown-state check (null: not checked): a
     * recording the check calls unknown gets {@link UnknownState#UNKNOWN}, with the reason.
     */
    private Verdict verdict(String recording, VerdictRule.Decision d, int windows, UnknownState.Check check) {
        String predicted = check != null && check.unknown() ? UnknownState.UNKNOWN : meta.classes().get(d.predicted());
        return new Verdict(recording, predicted, d.probability(), windows, meta.classes(), d.meanProbabilities(),
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
                throw tooFewChannels(e, raw.channelCount());
            }
        }
        return pre.conform(raw);
    }

    private float[][] probabilities(Recording r, int[] starts) {
        if (starts.length <= CHUNK) {
            // one chunk: nothing to overlap, and a hand-off to another thread only adds latency
            return model.classifier().probabilities(tensors(r.samples(), starts, 0), starts.length);
        }
        float[][] out = new float[starts.length][];
        CompletableFuture<float[]> next = CompletableFuture.supplyAsync(() -> tensors(r.samples(), starts, 0));
        try {
            for (int from = 0; from < starts.length; from += CHUNK) {
                float[] data = join(next);
                int after = from + CHUNK;
                // the next chunk's spectrograms are computed while the network scores this one
                next = after < starts.length ? CompletableFuture.supplyAsync(() -> tensors(r.samples(), starts, after)) : null;
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
    private float[] tensors(double[][] samples, int[] starts, int from) {
        return tensors(samples, starts, from, Math.min(CHUNK, starts.length - from));
    }

    /** Normalised tensors of the {@code n} windows starting at {@code starts[from ..]} of the samples. */
    private float[] tensors(double[][] samples, int[] starts, int from, int n) {
        int size = pre.tensorSize();
        float[] data = new float[Math.multiplyExact(n, size)];
        extractor.windowsInParallel(samples, starts, from, n, data, 0);
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
