package org.triax.onnx;

import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Random;
import org.triax.artifact.Metrics;
import org.triax.artifact.ModelArtifact;
import org.triax.artifact.ModelMetadata;
import org.triax.artifact.TrainConfig;
import org.triax.dataset.Normalization;
import org.triax.model.Design;
import org.triax.model.NetworkSpec;
import org.triax.model.Networks;
import org.triax.model.TriaxNetwork;
import org.triax.signal.InputTransform;
import org.triax.signal.Preprocessing;
import org.triax.signal.StftConfig;
import org.triax.signal.WindowFunction;
import org.triax.signal.WindowSpec;

/**
 * Tiny models for the ONNX tests: 3 channels (X, Y, Z) at 1000 Hz, windows of 60 samples every
 * 30, STFT segment 30 with overlap 28 (16 bins x 16 frames), conv widths [4, 8], dense 8, three
 * classes, and random weights with batch-norm running statistics far from the identity. Public for
 * the scoring tests of other packages, which need a model file, not a trained one.
 */
public final class TestModels {
    public static final List<String> CLASSES = List.of("healthy", "imbalance", "bearing");
    static final List<String> CHANNELS = List.of("X", "Y", "Z");
    static final double FS = 1000;
    public static final Preprocessing PRE = new Preprocessing(CHANNELS, FS, new WindowSpec(60, 30),
            new StftConfig(30, 28, WindowFunction.HANN, -120, 0, Double.POSITIVE_INFINITY));
    static final Normalization NORM = new Normalization(new float[] {-42.5f, -47.25f, -51.125f},
            new float[] {11.5f, 12.75f, 9.875f});

    private TestModels() {
    }

    static NetworkSpec spec(Design design) {
        return new NetworkSpec(design, 3, PRE.bins(), PRE.frames(), CLASSES.size(), List.of(4, 8), 8, 0.3f);
    }

    /** A network with every parameter drawn at random (batch-norm variances positive). */
    public static TriaxNetwork network(Design design, long seed) {
        NetworkSpec spec = spec(design);
        Engine.getInstance().setRandomSeed((int) seed);
        TriaxNetwork net = TriaxNetwork.create(spec);
        net.model().getBlock().initialize(net.model().getNDManager(), DataType.FLOAT32, Networks.inputShape(spec, 1));
        Random r = new Random(seed);
        for (Pair<String, Parameter> p : net.model().getBlock().getParameters()) {
            String name = p.getValue().getName();
            float[] v = new float[(int) p.getValue().getArray().size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = switch (name) {
                    case "runningVar" -> 0.3f + 2f * r.nextFloat();
                    case "gamma" -> 0.5f + r.nextFloat();
                    case "runningMean" -> (float) (0.5 * r.nextGaussian());
                    case "weight" -> (float) (0.4 * r.nextGaussian());
                    default -> (float) (0.2 * r.nextGaussian());
                };
            }
            p.getValue().getArray().set(FloatBuffer.wrap(v));
        }
        return net;
    }

    static ModelMetadata metadata(NetworkSpec spec) {
        return metadata(spec, PRE);
    }

    /** Metadata of a test model whose input is built by {@code pre} (PRE with another transform). */
    static ModelMetadata metadata(NetworkSpec spec, Preprocessing pre) {
        Metrics val = Metrics.of(new int[] {0, 1, 2, 2}, new int[] {0, 1, 2, 1}, CLASSES.size());
        Metrics test = Metrics.of(new int[] {0, 1, 2}, new int[] {0, 1, 2}, CLASSES.size());
        return new ModelMetadata(ModelMetadata.FORMAT, ModelMetadata.FORMAT_VERSION, "test",
                OffsetDateTime.now().withNano(0).toString(), spec, CLASSES, pre, NORM, TrainConfig.DEFAULT, null, null,
                val, test, List.of(), 1, 0, "cpu()");
    }

    /** {@code dir/<name>.triax} holding {@code net} and its metadata. */
    public static Path saveTriax(TriaxNetwork net, Path dir, String name) throws IOException {
        return saveTriax(net, dir, name, PRE);
    }

    public static Path saveTriax(TriaxNetwork net, Path dir, String name, Preprocessing pre) throws IOException {
        Path file = dir.resolve(name + ".triax");
        new ModelArtifact(metadata(net.spec(), pre), net.parameters()).save(file);
        return file;
    }

    /** PRE with another input transform (same tensor shape). */
    static Preprocessing pre(InputTransform transform) {
        return new Preprocessing(PRE.channels(), PRE.sampleRate(), PRE.window(), PRE.stft(), transform);
    }

    static float[] randomInput(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    /**
     * A raw recording, {@code [channel][sample]}: per channel a few tones and noise, with a
     * class-dependent tone so the models' inputs differ between recordings.
     */
    static double[][] recording(int samples, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[3][samples];
        for (int c = 0; c < 3; c++) {
            double f1 = 40 + 60 * c + 10 * r.nextDouble();
            double f2 = 150 + 100 * r.nextDouble();
            for (int i = 0; i < samples; i++) {
                double t = i / FS;
                x[c][i] = 0.8 * Math.sin(2 * Math.PI * f1 * t) + 0.3 * Math.sin(2 * Math.PI * f2 * t + c)
                        + 0.05 * r.nextGaussian() + 0.2 * c;
            }
        }
        return x;
    }
}
