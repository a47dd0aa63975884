package org.triax.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.triax.TriaxException;

/**
 * What a model file is: a fault classifier ({@code triax train}) or an anomaly model of a
 * machine's normal vibration ({@code triax baseline}). Both are {@code .triax} zips; the
 * {@code kind} field of their metadata tells them apart (classifier files from before the field
 * existed have none). Every loader checks the kind it needs, so giving one to a command of the
 * other ends in one line naming the file and the commands that take it.
 */
public enum ModelKind {
    CLASSIFIER("classifier", "a classifier (made by triax train)",
            "triax predict --model %s RECORDING... or triax evaluate --model %s --data DIR"),
    ANOMALY_DETECTOR("anomaly-detector", "an anomaly model of normal vibration (made by triax baseline)",
            "triax monitor --model %s RUN_DIR or triax evaluate --model %s --data DIR");

    /** The metadata field that names the kind. */
    public static final String FIELD = "kind";

    private final String label;
    private final String description;
    private final String usage;

    ModelKind(String label, String description, String usage) {
        this.label = label;
        this.description = description;
        this.usage = usage;
    }

    /** The value of the {@code kind} field. */
    public String label() {
        return label;
    }

    /** The kind a metadata tree declares (none: a classifier). */
    public static ModelKind of(JsonNode metadata) {
        JsonNode k = metadata.path(FIELD);
        if (k.isMissingNode() || k.isNull()) {
            return CLASSIFIER;
        }
        for (ModelKind kind : values()) {
            if (kind.label.equals(k.asText())) {
                return kind;
            }
        }
        throw new TriaxException("model kind '" + k.asText() + "' is not one this triax knows (classifier, anomaly-detector); "
                + "upgrade triax");
    }

    /** The kind of a {@code .triax} model file. */
    public static ModelKind of(Path file) {
        byte[] meta = ModelArchive.read(file).get(ModelArchive.METADATA_ENTRY);
        try {
            return of(ModelArtifact.JSON.readTree(meta));
        } catch (IOException e) {
            throw new TriaxException(file + ": not a triax model (bad metadata: " + e.getMessage().lines().findFirst().orElse("")
                    + ")", e);
        }
    }

    /**
     * True for a readable {@code .triax} file whose metadata says it is an anomaly model; anything
     * else (a classifier, an ONNX file, garbage) is left to the classifier loader and its messages.
     */
    public static boolean isAnomalyModel(Path file) {
        try {
            return of(file) == ANOMALY_DETECTOR;
        } catch (TriaxException notOne) {
            return false;
        }
    }

    /** Throws the one-line error for {@code file} unless this is the {@code needed} kind. */
    public void require(ModelKind needed, Path file) {
        if (this != needed) {
            String f = file.toString();
            // an anomaly model's .onnx holds its autoencoder alone: the commands that take it need the .triax beside it
            String model = this == ANOMALY_DETECTOR ? f.replaceFirst("(?i)\\.onnx$", ".triax") : f;
            throw new TriaxException(f + " is " + description + ", but this command needs " + needed.description
                    + "; use " + String.format(usage, model, model));
        }
    }
}
