package org.triax.health;

import java.nio.file.Path;
import org.triax.TriaxException;
import org.triax.artifact.AnomalyModel;
import org.triax.artifact.AnomalyModelMetadata;
import org.triax.io.AtomicFiles;

/** The ONNX export of an anomaly model: that of its first detector that has one (the autoencoder). */
public final class AnomalyOnnx {
    private AnomalyOnnx() {
    }

    /** The export's bytes, or null when no detector of the model is a network. */
    static byte[] of(AnomalyModel model) {
        AnomalyModelMetadata meta = model.metadata();
        for (AnomalyModelMetadata.Detector d : meta.detectors()) {
            byte[] w = d.weights() == null ? null : model.weights().get(d.weights());
            byte[] onnx = Detectors.byName(d.name()).onnx(meta, d, w);
            if (onnx != null) {
                return onnx;
            }
        }
        return null;
    }

    /** {@code triax export} of an anomaly model file: writes {@code out} (which must not exist). */
    public static void exportFile(Path modelFile, Path out) {
        AtomicFiles.refuseExisting(out);
        byte[] onnx = of(AnomalyModel.load(modelFile));
        if (onnx == null) {
            throw new TriaxException(modelFile + " has no network detector to export as ONNX (its detectors are condition "
                    + "indicators); fit one with triax baseline --detectors indicators,autoencoder");
        }
        AtomicFiles.write(out, onnx);
    }
}
