package org.triax.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.triax.TriaxException;

/**
 * A built network with its parameters in a DJL {@link Model}: runs inference in batches and
 * moves weights in and out as bytes. Holds native memory: close it.
 */
public final class TriaxNetwork implements AutoCloseable {
    /** Windows per forward pass when used as a {@link WindowClassifier}. */
    public static final int INFERENCE_BATCH = 64;
    private final NetworkSpec spec;
    private final Model model;

    private TriaxNetwork(NetworkSpec spec, Model model) {
        this.spec = spec;
        this.model = model;
    }

    /** A fresh network on the default device (a CUDA GPU when the engine sees one, else CPU). */
    public static TriaxNetwork create(NetworkSpec spec) {
        NativeAllocator.tune();
        Model model = Model.newInstance("triax-" + spec.design().label(), defaultDevice());
        model.setBlock(Networks.build(spec));
        return new TriaxNetwork(spec, model);
    }

    /** A network with the given weights (bytes from {@link #parameters()}). */
    public static TriaxNetwork load(NetworkSpec spec, byte[] parameters) {
        TriaxNetwork net = create(spec);
        try {
            net.model.getBlock().initialize(net.model.getNDManager(), DataType.FLOAT32, Networks.inputShape(spec, 1));
            net.setParameters(parameters);
        } catch (RuntimeException e) {
            net.close();
            throw e;
        }
        return net;
    }

    public static Device defaultDevice() {
        return Engine.getInstance().defaultDevice();
    }

    public NetworkSpec spec() {
        return spec;
    }

    public Model model() {
        return model;
    }

    /** Weights (and batch-norm running statistics) in DJL's parameter format. */
    public byte[] parameters() {
        return ParameterBytes.of(model.getBlock());
    }

    public void setParameters(byte[] parameters) {
        Map<String, Shape> expected = shapes();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
            model.getBlock().loadParameters(model.getNDManager(), in);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new TriaxException("model weights do not fit the " + spec.design().label() + " network ("
                    + e.getMessage() + ")", e);
        }
        // DJL takes arrays of any shape; a mismatch would only fail in the first forward pass
        Map<String, Shape> loaded = shapes();
        for (Map.Entry<String, Shape> e : expected.entrySet()) {
            if (!e.getValue().equals(loaded.get(e.getKey()))) {
                throw new TriaxException("model weights do not fit the " + spec.design().label() + " network ("
                        + e.getKey() + " has shape " + loaded.get(e.getKey()) + ", the network needs " + e.getValue()
                        + ")");
            }
        }
    }

    /** Shape of every initialised parameter, by name. */
    private Map<String, Shape> shapes() {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            if (p.getValue().isInitialized()) {
                shapes.put(p.getKey(), p.getValue().getArray().getShape());
            }
        }
        return shapes;
    }

    /**
     * Class logits of {@code count} window tensors stored back to back in {@code data}, in
     * inference mode (batch norm uses running statistics, dropout is off).
     */
    public float[][] logits(float[] data, int count, int batchSize) {
        int size = spec.channels() * spec.bins() * spec.frames();
        return logits(i -> java.nio.FloatBuffer.wrap(data, i * size, size), count, batchSize);
    }

    /** {@link #logits(float[], int, int)} of windows wherever they are: {@code window.apply(i)} gives window i. */
    public float[][] logits(java.util.function.IntFunction<java.nio.FloatBuffer> window, int count, int batchSize) {
        float[][] out = new float[count][];
        BatchInput input = new BatchInput(spec, Math.max(1, Math.min(count, batchSize)));
        for (int from = 0; from < count; from += batchSize) {
            int n = Math.min(batchSize, count - from);
            input.clear();
            for (int i = 0; i < n; i++) {
                input.add(window.apply(from + i));
            }
            try (NDManager m = model.getNDManager().newSubManager()) {
                NDArray x = input.toArray(m);
                NDList y = model.getBlock().forward(new ParameterStore(m, false), new NDList(x), false);
                float[] flat = y.singletonOrThrow().toFloatArray();
                for (int i = 0; i < n; i++) {
                    out[from + i] = java.util.Arrays.copyOfRange(flat, i * spec.classes(), (i + 1) * spec.classes());
                }
            }
        }
        return out;
    }

    /** Softmax probabilities of each window. */
    public float[][] probabilities(float[] data, int count, int batchSize) {
        return softmaxRows(logits(data, count, batchSize));
    }

    /** Softmax probabilities of each window, {@code window.apply(i)} giving window i. */
    public float[][] probabilities(java.util.function.IntFunction<java.nio.FloatBuffer> window, int count, int batchSize) {
        return softmaxRows(logits(window, count, batchSize));
    }

    private static float[][] softmaxRows(float[][] p) {
        for (float[] row : p) {
            softmaxInPlace(row);
        }
        return p;
    }

    /**
     * This network as a {@link WindowClassifier} (batches of {@link #INFERENCE_BATCH}
     * windows). Closing the classifier closes this network.
     */
    public WindowClassifier asClassifier() {
        return new WindowClassifier() {
            @Override
            public float[][] probabilities(float[] data, int count) {
                return TriaxNetwork.this.probabilities(data, count, INFERENCE_BATCH);
            }

            @Override
            public String engine() {
                return "DJL " + model.getNDManager().getEngine().getEngineName();
            }

            @Override
            public void close() {
                TriaxNetwork.this.close();
            }
        };
    }

    /** Numerically stable softmax. */
    public static void softmaxInPlace(float[] z) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            sum += Math.exp(z[i] - max);
        }
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) (Math.exp(z[i] - max) / sum);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
