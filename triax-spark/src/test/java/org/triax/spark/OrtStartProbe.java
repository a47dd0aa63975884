package org.triax.spark;

import ai.onnxruntime.OrtEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.triax.onnx.OnnxNetwork;

/**
 * A child JVM's main for {@link LongCommandLineTest}: {@code plain} starts ONNX Runtime on the
 * main thread, as any caller would; {@code guarded MODEL} starts it as the executors do ({@link
 * ExecutorModels#startOnnxRuntime}), then loads the model and scores one window of zeros.
 */
public final class OrtStartProbe {
    private OrtStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("plain")) {
            System.out.println("started " + OrtEnvironment.getEnvironment().getVersion());
            return;
        }
        ExecutorModels.startOnnxRuntime();
        try (OnnxNetwork net = OnnxNetwork.fromBytes(Files.readAllBytes(Path.of(args[1])), args[1], 1)) {
            float[][] p = net.probabilities(new float[net.metadata().preprocessing().tensorSize()], 1);
            System.out.println("scored " + p[0].length + " classes");
        }
    }
}
