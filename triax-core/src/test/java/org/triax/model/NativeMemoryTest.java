package org.triax.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.sun.jna.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The memory measures of the training loop change nothing in the numbers. */
class NativeMemoryTest {

    private static SequentialBlock convBlock(SequentialBlock b) {
        return b.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(4).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)));
    }

    /** Output and every parameter gradient of one training-mode forward/backward pass. */
    private static List<float[]> forwardBackward(SequentialBlock block) {
        List<float[]> out = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(7);
            block.initialize(m, DataType.FLOAT32, new Shape(2, 1, 8, 8));
            Random r = new Random(3);
            float[] x = new float[2 * 64];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) r.nextGaussian();
            }
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                for (Pair<String, Parameter> p : block.getParameters()) {
                    if (p.getValue().requiresGradient()) {
                        p.getValue().getArray().setRequiresGradient(true);
                    }
                }
                NDArray y = block.forward(new ParameterStore(m, false), new NDList(m.create(x, new Shape(2, 1, 8, 8))),
                        true).singletonOrThrow();
                out.add(y.toFloatArray());
                gc.backward(y.square().sum());
            }
            for (Pair<String, Parameter> p : block.getParameters()) {
                if (p.getValue().requiresGradient()) {
                    out.add(p.getValue().getArray().getGradient().toFloatArray());
                }
            }
        }
        return out;
    }

    @Test
    void releasingIntermediatesKeepsOutputsAndGradients() {
        List<float[]> plain = forwardBackward(convBlock(new SequentialBlock()));
        List<float[]> releasing = forwardBackward(convBlock(new ReleasingSequentialBlock()));
        assertEquals(plain.size(), releasing.size());
        assertEquals(5, plain.size()); // output + conv weight, bias + batch-norm gamma, beta
        for (int i = 0; i < plain.size(); i++) {
            assertArrayEquals(plain.get(i), releasing.get(i), 0f, "array " + i);
        }
    }

    @Test
    void batchInputHoldsExactlyTheWindowsAdded() {
        NetworkSpec spec = new NetworkSpec(Design.FUSED, 2, 3, 4, 2, List.of(4), 4, 0f);
        float[] data = new float[5 * 24];
        for (int i = 0; i < data.length; i++) {
            data[i] = i;
        }
        BatchInput in = new BatchInput(spec, 4);
        try (NDManager m = NDManager.newBaseManager()) {
            in.clear();
            in.add(data, 4);
            in.add(data, 1);
            NDArray a = in.toArray(m);
            assertEquals(new Shape(2, 2, 3, 4), a.getShape());
            float[] v = a.toFloatArray();
            assertEquals(96f, v[0]);
            assertEquals(24f, v[24]);
            a.close();
            in.clear(); // refilled: the next batch sees only its own windows
            in.add(data, 0);
            assertArrayEquals(java.util.Arrays.copyOfRange(data, 0, 24), in.toArray(m).toFloatArray());
        }
    }

    @Test
    void allocatorSettingsAreAcceptedOnGlibcLinux() {
        boolean glibc = Platform.isLinux() && java.nio.file.Files.exists(java.nio.file.Path.of("/usr/bin/ldd"));
        if (glibc && Boolean.parseBoolean(System.getProperty("triax.malloc.tune", "true"))) {
            assertTrue(NativeAllocator.tune(), "mallopt refused the settings");
        }
    }
}
