package org.triax.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.types.DataType;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.triax.model.Autoencoder;
import org.triax.model.AutoencoderSpec;
import org.triax.testing.TinyData;

/** The autoencoder's ONNX export scores windows as the DJL network does. */
class AutoencoderOnnxTest {
    static {
        TinyData.class.getName(); // one intra-op thread for PyTorch, as in the other network tests
    }

    @Test
    void onnxRuntimeGivesTheDjlReconstructionErrors() {
        // 17 bins x 15 frames: cropped to 16 x 12, as the tiny test runs are
        AutoencoderSpec spec = AutoencoderSpec.of(2, 17, 15);
        assertEquals(16, spec.croppedBins());
        assertEquals(12, spec.croppedFrames());
        Random rnd = new Random(1);
        int n = 70; // more than one batch of 64
        float[] x = new float[n * spec.inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        try (Autoencoder net = Autoencoder.create(spec)) {
            net.model().getBlock().initialize(net.model().getNDManager(), DataType.FLOAT32, Autoencoder.inputShape(spec, 1));
            float[] djl = net.errors(x, n);
            try (OnnxWindowScores onnx = new OnnxWindowScores(AutoencoderOnnx.bare(net).toByteArray(),
                    new long[] {2, 17, 15}, "test")) {
                float[] ort = onnx.scores(x, n);
                assertArrayEquals(djl, ort, 1e-5f * Math.max(1, djl[0]));
            }
            // the saved weights rebuild the same network
            try (Autoencoder again = Autoencoder.load(spec, net.parameters())) {
                assertArrayEquals(djl, again.errors(x, n), 0f);
            }
        }
    }
}
