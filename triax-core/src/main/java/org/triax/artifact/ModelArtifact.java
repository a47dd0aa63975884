package org.triax.artifact;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.triax.TriaxException;
import org.triax.io.AtomicFiles;
import org.triax.model.TriaxNetwork;

/**
 * The model file: a zip holding {@code triax-model.json} (the {@link ModelMetadata}) and
 * {@code weights.params} (DJL parameters). Written whole or not at all and never over an existing
 * file, so a crash never leaves a half model under the real name.
 */
public record ModelArtifact(ModelMetadata metadata, byte[] weights) {
    static final String METADATA_ENTRY = ModelArchive.METADATA_ENTRY;
    static final String WEIGHTS_ENTRY = "weights.params";

    public static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** Writes {@code file} (which must not exist) whole or not at all ({@link AtomicFiles}). */
    public void save(Path file) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try {
            entries.put(METADATA_ENTRY, JSON.writeValueAsBytes(metadata));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the model metadata", e);
        }
        entries.put(WEIGHTS_ENTRY, weights);
        ModelArchive.write(file, entries);
    }

    /** Writes the metadata alone as readable JSON ({@code <base>.metrics.json}). */
    public static void saveMetadataJson(ModelMetadata metadata, Path file) {
        AtomicFiles.write(file, out -> out.write(JSON.writeValueAsBytes(metadata)));
    }

    public static ModelArtifact load(Path file) {
        Map<String, byte[]> entries = ModelArchive.read(file);
        byte[] meta = entries.get(METADATA_ENTRY);
        byte[] weights = entries.get(WEIGHTS_ENTRY);
        ModelMetadata parsed = parseMetadata(file, meta); // an anomaly model is refused here, before its weights are missed
        if (weights == null) {
            throw new TriaxException(file + ": not a triax model (missing " + WEIGHTS_ENTRY + ")");
        }
        return new ModelArtifact(parsed, weights);
    }

    /**
     * Parses and checks model metadata JSON ({@code file} names its source in messages): a triax
     * model's, of a format version this triax reads.
     */
    public static ModelMetadata parseMetadata(Path file, byte[] json) {
        ModelMetadata m;
        try {
            com.fasterxml.jackson.databind.JsonNode node = JSON.readTree(json);
            if (!ModelMetadata.FORMAT.equals(node.path("format").asText())) {
                throw new TriaxException(file + ": not a triax model (format is '" + node.path("format").asText() + "')");
            }
            ModelKind.of(node).require(ModelKind.CLASSIFIER, file);
            int version = node.path("formatVersion").asInt();
            if (version > ModelMetadata.FORMAT_VERSION) {
                throw new TriaxException(file + ": model format version " + version + " is newer than this triax reads ("
                        + ModelMetadata.FORMAT_VERSION + "); upgrade triax");
            }
            m = JSON.treeToValue(node, ModelMetadata.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new TriaxException(file + ": not a triax model (bad metadata: " + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
        return m;
    }

    /** Builds the network with these weights (caller closes it). */
    public TriaxNetwork openNetwork() {
        return TriaxNetwork.load(metadata.network(), weights);
    }

    /** The version of triax running now (from the jar manifest; "dev" in a source tree). */
    public static String triaxVersion() {
        String v = ModelArtifact.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
