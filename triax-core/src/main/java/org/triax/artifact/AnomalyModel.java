package org.triax.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.triax.TriaxException;
import org.triax.io.AtomicFiles;

/**
 * The anomaly model file: the same zip container as a classifier's, holding
 * {@code triax-model.json} (the {@link AnomalyModelMetadata}, kind {@code anomaly-detector}) and
 * one weights entry per detector that has a network. Written whole or not at all, never over a file.
 *
 * @param weights entry name to bytes
 */
public record AnomalyModel(AnomalyModelMetadata metadata, Map<String, byte[]> weights) {

    public AnomalyModel {
        weights = Map.copyOf(weights);
    }

    /** Writes {@code file} (which must not exist) whole or not at all. */
    public void save(Path file) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try {
            entries.put(ModelArchive.METADATA_ENTRY, ModelArtifact.JSON.writeValueAsBytes(metadata));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the anomaly model metadata", e);
        }
        metadata.detectors().stream().filter(d -> d.weights() != null)
                .forEach(d -> entries.put(d.weights(), weights.get(d.weights())));
        ModelArchive.write(file, entries);
    }

    /** Writes the metadata alone as readable JSON ({@code <base>.metrics.json}). */
    public static void saveMetadataJson(AnomalyModelMetadata metadata, Path file) {
        AtomicFiles.write(file, out -> out.write(ModelArtifact.JSON.writeValueAsBytes(metadata)));
    }

    /** Loads an anomaly model; any other file (a classifier included) is a one-line error. */
    public static AnomalyModel load(Path file) {
        if (file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".onnx")) {
            // an ONNX file holds one network: a classifier, or an anomaly model's autoencoder without its other detectors
            throw new TriaxException(file + " is an ONNX file, but this command needs an anomaly model of normal vibration: "
                    + "the .triax file made by triax baseline (a classifier's .onnx goes to triax predict --model " + file + ")");
        }
        Map<String, byte[]> entries = ModelArchive.read(file);
        AnomalyModelMetadata meta;
        try {
            JsonNode node = ModelArtifact.JSON.readTree(entries.get(ModelArchive.METADATA_ENTRY));
            if (!ModelMetadata.FORMAT.equals(node.path("format").asText())) {
                throw new TriaxException(file + ": not a triax model (format is '" + node.path("format").asText() + "')");
            }
            ModelKind.of(node).require(ModelKind.ANOMALY_DETECTOR, file);
            int version = node.path("formatVersion").asInt();
            if (version > AnomalyModelMetadata.FORMAT_VERSION) {
                throw new TriaxException(file + ": anomaly model format version " + version + " is newer than this triax "
                        + "reads (" + AnomalyModelMetadata.FORMAT_VERSION + "); upgrade triax");
            }
            meta = ModelArtifact.JSON.treeToValue(node, AnomalyModelMetadata.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new TriaxException(file + ": not a triax model (bad metadata: " + e.getMessage().lines().findFirst()
                    .orElse("") + ")", e);
        }
        Map<String, byte[]> weights = new LinkedHashMap<>();
        for (AnomalyModelMetadata.Detector d : meta.detectors()) {
            if (d.weights() != null) {
                byte[] w = entries.get(d.weights());
                if (w == null) {
                    throw new TriaxException(file + ": not a complete anomaly model (missing " + d.weights() + ")");
                }
                weights.put(d.weights(), w);
            }
        }
        return new AnomalyModel(meta, weights);
    }
}
