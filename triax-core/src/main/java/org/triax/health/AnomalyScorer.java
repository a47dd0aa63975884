package org.triax.health;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.triax.artifact.AlarmThreshold;
import org.triax.artifact.AnomalyModel;
import org.triax.artifact.AnomalyModelMetadata;
import org.triax.onnx.OnnxExport;
import org.triax.signal.ReadOptions;
import org.triax.signal.Recording;
import org.triax.signal.RecordingReaders;
import org.triax.signal.SpectrogramExtractor;

/**
 * An anomaly model file opened for scoring: every detector it holds, rebuilt by its kind. Reads
 * recordings as the baseline read its normal data (the same variable, channels and sampling
 * rate) and scores their windows. Safe to share between threads; close it.
 */
public final class AnomalyScorer implements AutoCloseable {
    private final AnomalyModelMetadata meta;
    private final List<WindowScorer> scorers = new ArrayList<>();
    private final SpectrogramExtractor extractor;
    /** CPU time of each detector, summed over threads (where monitoring's time goes, whatever else runs). */
    private final LongAdder[] busy;

    private AnomalyScorer(AnomalyModel model, Path file, PrintStream log) {
        this.meta = model.metadata();
        this.extractor = meta.preprocessing().extractor();
        this.busy = meta.detectors().stream().map(d -> new LongAdder()).toArray(LongAdder[]::new);
        try {
            for (AnomalyModelMetadata.Detector d : meta.detectors()) {
                byte[] w = d.weights() == null ? null : model.weights().get(d.weights());
                scorers.add(Detectors.byName(d.name()).open(meta, d, w, OnnxExport.defaultPath(file), log));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Opens an anomaly model file (any other file is a one-line error naming it); a network detector runs from
     * the ONNX export beside it ({@link DetectorKind#open(AnomalyModelMetadata, AnomalyModelMetadata.Detector, byte[],
     * Path, PrintStream)}).
     *
     * @param log where a note goes when that export has to be rebuilt
     */
    public static AnomalyScorer open(Path file, PrintStream log) {
        return new AnomalyScorer(AnomalyModel.load(file), file, log);
    }

    public AnomalyModelMetadata metadata() {
        return meta;
    }

    public List<AnomalyModelMetadata.Detector> detectors() {
        return meta.detectors();
    }

    /** Reads a recording with the model's variable (not yet conformed). */
    public Recording read(Path file) {
        return RecordingReaders.read(file, new ReadOptions(Double.NaN, meta.normal().variable()));
    }

    /** Brings a recording into the model's contract (channels, rate, at least one window). */
    public Recording conform(Recording raw) {
        return meta.preprocessing().conform(raw);
    }

    /** Window scores of every detector (rows in detector order) of a conformed recording. */
    public double[][] windowScores(Recording conformed) {
        return windowScores(conformed, 0, conformed.length());
    }

    /** Window scores of every detector for the windows inside samples {@code [from, to)}. */
    public double[][] windowScores(Recording conformed, int from, int to) {
        int[] starts = extractor.windowStarts(from, to);
        double[][] out = new double[scorers.size()][];
        for (int d = 0; d < out.length; d++) {
            long t0 = threadCpuNanos();
            out[d] = scorers.get(d).scores(conformed, starts);
            busy[d].add(threadCpuNanos() - t0);
        }
        return out;
    }

    /** Each detector's recording score (median window score) over its threshold. */
    public double[] indices(double[][] windowScores) {
        double[] out = new double[windowScores.length];
        for (int d = 0; d < out.length; d++) {
            AlarmThreshold t = meta.detectors().get(d).threshold();
            out[d] = t.index(AlarmThreshold.recordingScore(windowScores[d]));
        }
        return out;
    }

    /** CPU seconds spent scoring in each detector so far, summed over threads. */
    public double[] busySeconds() {
        return java.util.Arrays.stream(busy).mapToDouble(a -> a.sum() / 1e9).toArray();
    }

    /** CPU time of the calling thread (ONNX Runtime runs a call on it: one thread per session). */
    static long threadCpuNanos() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    @Override
    public void close() {
        scorers.forEach(WindowScorer::close);
    }
}
