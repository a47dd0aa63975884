package org.triax.model;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import org.triax.TriaxException;

/**
 * A convolutional autoencoder of window spectrograms: it learns to reconstruct normal windows
 * through a narrow code, so a window unlike them reconstructs badly; its score is the mean squared
 * reconstruction error. Blocks, in order: crop to {@code croppedBins x croppedFrames}; per width
 * a 3x3 convolution (pad 1), ReLU and 2x2 max-pool; a 3x3 convolution to the code and ReLU; per
 * width, in reverse, a 3x3 convolution, ReLU and a nearest-neighbour 2x upsampling (convolving
 * before upsampling costs a quarter of the other order); a 3x3 convolution back to the input
 * channels (linear). No batch norm: the function is the same in training and inference.
 * Holds native memory: close it.
 */
public final class Autoencoder implements AutoCloseable {
    /** Windows per forward pass when scoring. */
    public static final int BATCH = 64;
    private final AutoencoderSpec spec;
    private final Model model;

    private Autoencoder(AutoencoderSpec spec, Model model) {
        this.spec = spec;
        this.model = model;
    }

    /** A fresh network on the default device. */
    public static Autoencoder create(AutoencoderSpec spec) {
        NativeAllocator.tune();
        Model model = Model.newInstance("triax-autoencoder", TriaxNetwork.defaultDevice());
        model.setBlock(build(spec));
        return new Autoencoder(spec, model);
    }

    /** A network with the given weights (bytes from {@link #parameters()}). */
    public static Autoencoder load(AutoencoderSpec spec, byte[] parameters) {
        Autoencoder a = create(spec);
        try {
            a.model.getBlock().initialize(a.model.getNDManager(), DataType.FLOAT32, inputShape(spec, 1));
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
                a.model.getBlock().loadParameters(a.model.getNDManager(), in);
            }
        } catch (IOException | MalformedModelException | RuntimeException e) {
            a.close();
            throw new TriaxException("autoencoder weights do not fit the network " + spec + " (" + e.getMessage() + ")", e);
        }
        return a;
    }

    public static Shape inputShape(AutoencoderSpec spec, long batch) {
        return new Shape(batch, spec.channels(), spec.bins(), spec.frames());
    }

    static Block build(AutoencoderSpec spec) {
        SequentialBlock net = new ReleasingSequentialBlock();
        net.add(new LambdaBlock(x -> new NDList(crop(x.singletonOrThrow(), spec)), "crop"));
        for (int w : spec.widths()) {
            net.add(conv(w)).add(Activation.reluBlock()).add(Pool.maxPool2dBlock(new Shape(2, 2)));
        }
        net.add(conv(spec.code())).add(Activation.reluBlock());
        for (int i = spec.widths().size() - 1; i >= 0; i--) {
            net.add(conv(spec.widths().get(i))).add(Activation.reluBlock())
                    .add(new LambdaBlock(x -> new NDList(upsample(x.singletonOrThrow())), "upsample" + i));
        }
        return net.add(conv(spec.channels()));
    }

    private static Block conv(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(filters).build();
    }

    /**
     * Nearest-neighbour upsampling by 2 in both spatial axes (each value repeated; ONNX {@code Resize}
     * nearest, asymmetric, floor): DJL's PyTorch engine has no transposed convolution.
     */
    static NDArray upsample(NDArray x) {
        return x.repeat(2, 2).repeat(3, 2);
    }

    /** The part of the input the network reconstructs (the loss's target), contiguous. */
    public static NDArray crop(NDArray x, AutoencoderSpec spec) {
        return x.get(new NDIndex(":, :, 0:{}, 0:{}", spec.croppedBins(), spec.croppedFrames())).duplicate();
    }

    public AutoencoderSpec spec() {
        return spec;
    }

    public Model model() {
        return model;
    }

    public byte[] parameters() {
        return ParameterBytes.of(model.getBlock());
    }

    /**
     * Mean squared reconstruction error of each of {@code count} windows stored back to back in
     * {@code data} (normalised), in inference mode. Not for concurrent use.
     */
    public float[] errors(float[] data, int count) {
        float[] out = new float[count];
        int size = spec.inputSize();
        for (int from = 0; from < count; from += BATCH) {
            int n = Math.min(BATCH, count - from);
            try (NDManager m = model.getNDManager().newSubManager()) {
                NDArray x = m.create(FloatBuffer.wrap(data, from * size, n * size), inputShape(spec, n));
                NDArray y = model.getBlock().forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
                float[] e = y.sub(crop(x, spec)).square().reshape(n, -1).mean(new int[] {1}).toFloatArray();
                System.arraycopy(e, 0, out, from, n);
            }
        }
        return out;
    }

    @Override
    public void close() {
        model.close();
    }
}
