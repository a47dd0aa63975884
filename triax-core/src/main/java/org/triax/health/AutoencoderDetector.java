package org.triax.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.triax.TriaxException;
import org.triax.artifact.AnomalyModelMetadata;
import org.triax.artifact.BaselineConfig;
import org.triax.artifact.ModelArtifact;
import org.triax.dataset.Normalization;
import org.triax.dataset.SpectrogramSet;
import org.triax.dataset.Subset;
import org.triax.model.Autoencoder;
import org.triax.model.AutoencoderSpec;
import org.triax.onnx.AutoencoderOnnx;
import org.triax.onnx.OnnxExport;
import org.triax.onnx.OnnxWindowScores;
import org.triax.signal.Preprocessing;
import org.triax.signal.Recording;
import org.triax.signal.SpectrogramExtractor;

/**
 * The learned detector: a convolutional {@link Autoencoder} on the same normalised dB
 * spectrograms the classifiers see (normalisation fitted on the fit windows), scoring each window
 * by its mean squared reconstruction error.
 */
public final class AutoencoderDetector implements DetectorKind {
    public static final String NAME = "autoencoder";

    /** What the detector learned besides its weights. */
    public record Parameters(AutoencoderSpec network, Normalization normalization, int epochs, int batchSize,
                             float learningRate, List<Double> trainingLoss, double trainSeconds) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "convolutional autoencoder of the window's normalised dB spectrograms (the classifiers' input), mean "
                + "squared reconstruction error";
    }

    @Override
    public Fitted fit(NormalSet normal, BaselineConfig config, PrintStream log) {
        Preprocessing pre = normal.data().preprocessing();
        SpectrogramSet fit = SpectrogramSet.extract(normal.blocks(Subset.TRAIN), normal.data().recordings(), pre.extractor());
        Normalization norm = Normalization.fit(fit, pre.channelCount());
        norm.apply(fit.data(), fit.size(), fit.tensorSize());
        AutoencoderSpec spec = AutoencoderSpec.of(pre.channelCount(), pre.bins(), pre.frames());
        log.printf(Locale.ROOT, "%s: %d x %d x %d input (reconstructs %d x %d), widths %s, code %d; training %d epochs on "
                        + "%d windows%n", NAME, spec.channels(), spec.bins(), spec.frames(), spec.croppedBins(),
                spec.croppedFrames(), spec.widths(), spec.code(), config.epochs(), fit.size());
        AutoencoderTrainer.Trained t = AutoencoderTrainer.train(spec, fit.data(), fit.size(), config, log);
        Parameters p = new Parameters(spec, norm, config.epochs(), config.batchSize(), config.learningRate(),
                t.lossPerEpoch(), t.seconds());
        byte[] weights;
        byte[] graph;
        try (Autoencoder net = t.network()) {
            weights = net.parameters();
            graph = AutoencoderOnnx.bare(net).toByteArray();
        }
        return new Fitted(scorer(graph, spec, norm, pre), ModelArtifact.JSON.valueToTree(p), weights);
    }

    @Override
    public byte[] onnx(AnomalyModelMetadata model, AnomalyModelMetadata.Detector saved, byte[] weights) {
        Parameters p = parameters(saved);
        try (Autoencoder net = Autoencoder.load(p.network(), weights)) {
            return AutoencoderOnnx.export(net, p.normalization(), model, saved.threshold().value(),
                    OnnxExport.sha256(weights)).toByteArray();
        }
    }

    private static Parameters parameters(AnomalyModelMetadata.Detector saved) {
        try {
            return ModelArtifact.JSON.treeToValue(saved.parameters(), Parameters.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new TriaxException("the model's " + NAME + " detector is unreadable (" + e.getMessage().lines().findFirst()
                    .orElse("") + ")", e);
        }
    }

    @Override
    public WindowScorer open(AnomalyModelMetadata model, AnomalyModelMetadata.Detector saved, byte[] weights) {
        Parameters p = parameters(saved);
        Preprocessing pre = model.preprocessing();
        if (p.network().inputSize() != pre.tensorSize()) {
            throw new TriaxException("the model's " + NAME + " takes " + p.network().inputSize() + " numbers per window, its "
                    + "preprocessing gives " + pre.tensorSize());
        }
        byte[] graph;
        try (Autoencoder net = Autoencoder.load(p.network(), weights)) {
            graph = AutoencoderOnnx.bare(net).toByteArray();
        }
        return scorer(graph, p.network(), p.normalization(), pre);
    }

    /**
     * From the export {@code baseline} wrote beside the model, so that scoring never starts PyTorch (rebuilding
     * the graph loads it: about 3 s of CPU); only a missing export is rebuilt, with a note. An export of other
     * weights (its {@link OnnxExport#WEIGHTS_SHA256}) is an error naming the fix.
     */
    @Override
    public WindowScorer open(AnomalyModelMetadata model, AnomalyModelMetadata.Detector saved, byte[] weights,
                             Path onnxBeside, PrintStream log) {
        if (!Files.isRegularFile(onnxBeside)) {
            log.println("note: no " + onnxBeside.getFileName() + " beside the model: rebuilding the " + NAME + "'s ONNX "
                    + "graph with PyTorch (a few seconds; triax export --model MODEL.triax --out " + onnxBeside
                    + " saves it)");
            return open(model, saved, weights);
        }
        Parameters p = parameters(saved);
        byte[] graph;
        String sha;
        try {
            graph = Files.readAllBytes(onnxBeside);
            sha = OnnxMl.ModelProto.parseFrom(graph).getMetadataPropsList().stream()
                    .filter(e -> e.getKey().equals(OnnxExport.WEIGHTS_SHA256)).map(OnnxMl.StringStringEntryProto::getValue)
                    .findFirst().orElse(null);
        } catch (IOException e) {
            throw new TriaxException(onnxBeside + ": unreadable (" + e.getMessage() + "); delete it and triax rebuilds the "
                    + NAME + " from the model", e);
        }
        if (!OnnxExport.sha256(weights).equals(sha)) {
            throw new TriaxException(onnxBeside + " is not the export of this model's " + NAME + " (other weights): delete "
                    + "it (it is then rebuilt) or run triax export --model MODEL.triax --out " + onnxBeside + " after "
                    + "deleting it");
        }
        return scorer(graph, p.network(), p.normalization(), model.preprocessing());
    }

    /**
     * Scores on ONNX Runtime, from the export made in memory: several times faster than DJL at
     * inference, and the same engine when the threshold is set and when a run is monitored.
     */
    private static WindowScorer scorer(byte[] graph, AutoencoderSpec s, Normalization norm, Preprocessing pre) {
        OnnxWindowScores net = new OnnxWindowScores(graph, new long[] {s.channels(), s.bins(), s.frames()},
                "the " + NAME + " detector");
        return new Scorer(net::scores, net, norm, pre.extractor());
    }

    /** Window tensors in, one error each out. */
    @FunctionalInterface
    private interface Errors {
        float[] of(float[] data, int count);
    }

    /** Reconstruction errors of a recording's windows, their spectrograms computed in parallel, shared frames once. */
    private record Scorer(Errors errors, AutoCloseable network, Normalization normalization, SpectrogramExtractor extractor)
            implements WindowScorer {
        @Override
        public double[] scores(Recording conformed, int[] starts) {
            int size = extractor.preprocessing().tensorSize();
            float[] data = new float[starts.length * size];
            extractor.windowsInParallel(conformed.samples(), starts, 0, starts.length, data, 0);
            normalization.apply(data, starts.length, size);
            float[] e = errors.of(data, starts.length);
            double[] out = new double[e.length];
            for (int i = 0; i < e.length; i++) {
                out[i] = e[i];
            }
            return out;
        }

        @Override
        public void close() {
            try {
                network.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot free the autoencoder", e);
            }
        }
    }
}
