package org.triax.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
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
 * the model's file system.
 *
 * @param path where it was read from (names it in messages and keys the executors' sessions)
 * @param sha256 of the bytes: a model replaced under the same path gets a new session
 */
record ModelBytes(String path, String sha256, byte[] bytes) implements Serializable {

    static ModelBytes read(String path, Configuration conf) {
        if (!path.toLowerCase(Locale.ROOT).endsWith("." + OnnxExport.EXTENSION)) {
            throw new TriaxException(path + ": the Spark jobs run the portable ONNX model: give the .onnx beside the "
                    + ".triax file (train writes it; else ./triax export --model " + path + ")");
        }
        Path p = new Path(path);
        byte[] bytes;
        try {
            FileSystem fs = p.getFileSystem(conf);
            if (!fs.isFile(p)) {
                throw new TriaxException("model file " + path + " does not exist");
            }
            try (var in = fs.open(p)) {
                bytes = in.readAllBytes();
            }
        } catch (IOException e) {
            throw new TriaxException(path + ": unreadable model file (" + e.getMessage() + ")", e);
        }
        OnnxNetwork.readProperties(bytes, path); // a triax ONNX model this triax reads, or a one-line error
        return new ModelBytes(path, OnnxExport.sha256(bytes), bytes);
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
