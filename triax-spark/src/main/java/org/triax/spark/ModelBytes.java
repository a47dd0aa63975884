package org.triax.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.triax.TriaxException;
import org.triax.artifact.ModelArtifact;
import org.triax.artifact.ModelMetadata;
import org.triax.onnx.OnnxExport;
import org.triax.onnx.OnnxNetwork;

/**
 * A triax ONNX model read by the driver from any Hadoop file system and checked there, so a wrong
 * model stops the job before a task starts; broadcast to the executors, which need no access to
 * the model's file system. The jobs run the portable export (the job jar has no DJL): a {@code
 * .triax} file stands for the {@code .onnx} beside it, when that is the export of its very weights
 * and metadata (as {@code predict} checks).
 *
 * @param path the {@code .onnx} read (names it in messages and keys the executors' sessions)
 * @param sha256 of the bytes: a model replaced under the same path gets a new session
 */
record ModelBytes(String path, String sha256, byte[] bytes) implements Serializable {
    private static final String TRIAX = ".triax";

    static ModelBytes read(String path, Configuration conf) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.endsWith(TRIAX)) {
            String onnx = path.substring(0, path.length() - TRIAX.length()) + "." + OnnxExport.EXTENSION;
            ModelBytes m = readOnnx(onnx, conf, " (the export of " + path + "; write it with ./triax export --model " + path + ")");
            m.requireExportOf(path, conf);
            return m;
        }
        if (!lower.endsWith("." + OnnxExport.EXTENSION)) {
            throw new TriaxException(path + ": not a model file: give the .onnx export (or the .triax with its .onnx beside)");
        }
        return readOnnx(path, conf, "");
    }

    private static ModelBytes readOnnx(String path, Configuration conf, String hint) {
        byte[] bytes = readAll(path, conf, hint);
        OnnxNetwork.readProperties(bytes, path); // a triax ONNX model this triax reads, or a one-line error
        return new ModelBytes(path, OnnxExport.sha256(bytes), bytes);
    }

    /** The .triax model's weights and metadata are this export's. */
    private void requireExportOf(String triaxPath, Configuration conf) {
        java.nio.file.Path local = null;
        try {
            local = Files.createTempFile("triax-spark-model-", TRIAX);
            Files.write(local, readAll(triaxPath, conf, ""));
            ModelArtifact artifact = ModelArtifact.load(local);
            Map<String, String> props = OnnxNetwork.readProperties(bytes, path);
            boolean same = OnnxExport.sha256(artifact.weights()).equals(props.get(OnnxExport.WEIGHTS_SHA256))
                    && ModelArtifact.JSON.valueToTree(artifact.metadata()).equals(ModelArtifact.JSON.valueToTree(metadata()));
            if (!same) {
                throw new TriaxException(path + " is not the export of " + triaxPath + " (other weights or metadata): "
                        + "write it again with ./triax export --model " + triaxPath);
            }
        } catch (IOException e) {
            throw new TriaxException(triaxPath + ": cannot copy it to a local file (" + e.getMessage() + ")", e);
        } finally {
            if (local != null) {
                local.toFile().delete();
            }
        }
    }

    private static byte[] readAll(String path, Configuration conf, String hint) {
        Path p = new Path(path);
        try {
            FileSystem fs = p.getFileSystem(conf);
            if (!fs.isFile(p)) {
                throw new TriaxException("model file " + path + " does not exist" + hint);
            }
            try (var in = fs.open(p)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new TriaxException(path + ": unreadable model file (" + e.getMessage() + ")", e);
        }
    }

    String key() {
        return path + "@" + sha256;
    }

    ModelMetadata metadata() {
        Map<String, String> props = OnnxNetwork.readProperties(bytes, path);
        return ModelArtifact.parseMetadata(java.nio.file.Path.of(path),
                props.get(OnnxExport.METADATA_JSON).getBytes(StandardCharsets.UTF_8));
    }
}
