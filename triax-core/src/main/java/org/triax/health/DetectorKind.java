package org.triax.health;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import org.triax.artifact.AnomalyModelMetadata;
import org.triax.artifact.BaselineConfig;

/**
 * One kind of anomaly detector: how it learns normal windows and how it is rebuilt from a model
 * file. A new kind is one new class implementing this, listed in {@link Detectors}.
 */
public interface DetectorKind {

    /** Its name in options, files and reports. */
    String name();

    /** What it computes, in words (saved with the model). */
    String description();

    /**
     * Learns the normal windows of the fit blocks. The threshold blocks are never fitted on (a
     * network may watch their loss to keep its best epoch); the test blocks are never touched.
     */
    Fitted fit(NormalSet normal, BaselineConfig config, PrintStream log);

    /** The scorer of a detector saved in a model file ({@code weights}: its entry, null when it has none). */
    WindowScorer open(AnomalyModelMetadata model, AnomalyModelMetadata.Detector saved, byte[] weights);

    /**
     * {@link #open(AnomalyModelMetadata, AnomalyModelMetadata.Detector, byte[])} for a model file whose ONNX export
     * is {@code onnxBeside} (it may be missing): a network detector runs from that file when it holds these weights,
     * rather than rebuilding its graph. The default: the detector has no export.
     *
     * @param log where a note goes when the export is missing and has to be rebuilt
     */
    default WindowScorer open(AnomalyModelMetadata model, AnomalyModelMetadata.Detector saved, byte[] weights,
                              java.nio.file.Path onnxBeside, PrintStream log) {
        return open(model, saved, weights);
    }

    /**
     * The portable ONNX form of a saved detector, or null when it has none (the default: a detector
     * that is not a network).
     */
    default byte[] onnx(AnomalyModelMetadata model, AnomalyModelMetadata.Detector saved, byte[] weights) {
        return null;
    }

    /**
     * What fitting produced.
     *
     * @param parameters what the detector learned, saved in the model's metadata
     * @param weights network weights to save as an entry of the model file (null: none)
     */
    record Fitted(WindowScorer scorer, JsonNode parameters, byte[] weights) {
    }
}
