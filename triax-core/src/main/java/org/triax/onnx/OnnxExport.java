package org.triax.onnx;

import static org.triax.onnx.OnnxProtos.dim;
import static org.triax.onnx.OnnxProtos.intAttr;
import static org.triax.onnx.OnnxProtos.ints;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.onnx.proto.OnnxMl;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.triax.artifact.Metrics;
import org.triax.artifact.ModelArtifact;
import org.triax.artifact.ModelMetadata;
import org.triax.dataset.Normalization;
import org.triax.io.AtomicFiles;
import org.triax.model.Design;
import org.triax.model.NetworkSpec;
import org.triax.model.Networks;
import org.triax.model.TriaxNetwork;
import org.triax.signal.LogFrequencyBins;
import org.triax.signal.Preprocessing;
import org.triax.signal.StftConfig;
import org.triax.signal.WindowFunction;

/**
 * Turns a trained network and its {@link ModelMetadata} into a standard ONNX model (opset 17)
 * that any ONNX runtime can execute, with the preprocessing contract in its metadata properties.
 *
 * <p>Graph: input {@value #INPUT} float32 {@code [batch, C, bins, frames]} (batch is the dynamic
 * dimension {@code "batch"}, the input already normalised), per conv block {@code Conv} (3x3,
 * pads 1) → {@code BatchNormalization} (inference form: running mean and variance, epsilon
 * {@link Networks#BATCH_NORM_EPSILON}) → {@code MaxPool} (2x2, stride 2) → {@code Relu}; then
 * {@code GlobalAveragePool} → {@code Flatten} (axis 1) → {@code Gemm} (transB = 1: DJL's Linear
 * weight is {@code [out, in]}) → {@code Relu} → {@code Gemm} → {@code Softmax} (axis 1) to the
 * output {@value #OUTPUT} {@code [batch, classes]}. Dropout is the identity at inference and is
 * left out.
 *
 * <p>The separate design's C one-channel branches are written as they are: a {@code Split} of
 * the input's channels, one chain of conv blocks and {@code GlobalAveragePool} per branch, the
 * pooled features concatenated in branch order ({@code Concat}) before the head (see
 * {@link OnnxProtos#trunk}). Models exported before wrote them as one grouped convolution per block
 * ({@code group = C}); those still load and still quantize.
 *
 * <p>Metadata properties: flat {@code triax.*} keys with plain values (see {@link #properties})
 * so that a program in another language can rebuild the input from a raw recording, plus
 * {@value #METADATA_JSON}, the full model metadata as in the {@code .triax} file, and
 * {@value #WEIGHTS_SHA256}, which ties the export to the weights it was made from.
 */
public final class OnnxExport {
    /**
     * Newest version of this ONNX contract (graph names and metadata keys); readers refuse newer
     * ones. A model is written with the version it needs ({@link #formatVersionFor}).
     */
    public static final int FORMAT_VERSION = 2;
    public static final int OPSET = 17;
    /** ONNX IR version 8 (ONNX 1.10 to 1.12), the one that goes with opset 17. */
    public static final long IR_VERSION = 8;
    public static final String INPUT = "spectrogram";
    public static final String OUTPUT = "probabilities";
    public static final String EXTENSION = "onnx";
    public static final String PREFIX = "triax.";
    public static final String KEY_FORMAT_VERSION = PREFIX + "format_version";
    public static final String METADATA_JSON = PREFIX + "metadata_json";
    /** SHA-256 (hex) of the DJL weights the graph was made from (the {@code .triax} file's weights). */
    public static final String WEIGHTS_SHA256 = PREFIX + "weights_sha256";
    /** How {@code triax.stft_scaling} describes the power spectrum. */
    public static final String SCALING = "psd density, one-sided, segment mean removed";

    private OnnxExport() {
    }

    /** {@code <folder>/<model base name>.onnx} beside {@code modelFile}. */
    public static Path defaultPath(Path modelFile) {
        String name = modelFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        return modelFile.resolveSibling(base + "." + EXTENSION);
    }

    /**
     * {@code triax export}: writes the ONNX form of a {@code .triax} model file to {@code out}
     * (which must not exist), atomically. Returns the exported model.
     */
    public static OnnxMl.ModelProto exportFile(Path modelFile, Path out) {
        AtomicFiles.refuseExisting(out);
        ModelArtifact artifact = ModelArtifact.load(modelFile);
        OnnxMl.ModelProto model;
        try (TriaxNetwork net = artifact.openNetwork()) {
            model = export(net, artifact.metadata(), sha256(artifact.weights()));
        }
        write(model, out);
        return model;
    }

    /** The ONNX model of {@code net}, whose metadata is {@code meta}. */
    public static OnnxMl.ModelProto export(TriaxNetwork net, ModelMetadata meta) {
        return export(net, meta, sha256(net.parameters()));
    }

    /**
     * The ONNX model of {@code net} loaded from a model file whose weights hash to
     * {@code weightsSha256}: a network's own serialisation after loading is not byte for byte the
     * file's, so the export of a loaded model names the file's weights, as the one training writes does.
     */
    public static OnnxMl.ModelProto export(TriaxNetwork net, ModelMetadata meta, String weightsSha256) {
        if (!net.spec().equals(meta.network())) {
            throw new IllegalArgumentException("network " + net.spec() + " does not match the metadata's " + meta.network());
        }
        OnnxMl.ModelProto.Builder model = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName("triax")
                .setProducerVersion(ModelArtifact.triaxVersion())
                .setModelVersion(formatVersionFor(meta.preprocessing()))
                .setDocString("triax " + meta.network().design().label() + " design CNN: " + INPUT
                        + " [batch, channels, bins, frames] (normalised dB spectrograms) -> " + OUTPUT
                        + " [batch, classes]; preprocessing in the triax.* metadata properties")
                .setGraph(graph(net.model().getBlock(), meta.network()));
        properties(meta, weightsSha256).forEach((k, v) -> model.addMetadataProps(
                OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return model.build();
    }

    /**
     * 1 for the plain spectrogram on the linear axis (readable by every triax), 2 when the input is
     * the envelope or the axis is log: a reader that knows only version 1 cannot rebuild that input
     * and must refuse the file rather than feed it a plain spectrogram.
     */
    public static int formatVersionFor(Preprocessing pre) {
        return pre.transform().isDefault() ? 1 : 2;
    }

    /** Writes {@code model} to {@code file} (which must not exist), whole or not at all. */
    public static void write(OnnxMl.ModelProto model, Path file) {
        AtomicFiles.write(file, model::writeTo);
    }

    /**
     * The graph of a network built by {@link Networks#build}. Walks the DJL block tree in the
     * order {@code Networks.build} adds blocks and checks each block's type on the way, so a
     * change of the designs that the export does not know fails loudly instead of exporting a
     * different network.
     */
    static OnnxMl.GraphProto graph(Block root, NetworkSpec spec) {
        if (!root.isInitialized()) {
            throw new IllegalStateException("the network has no weights yet");
        }
        Graph g = new Graph();
        List<Block> top = children(root, "network");
        int blocks = spec.widths().size();
        // each trunk: conv blocks, global average pool, flatten; one per branch (separate) or one (fused)
        List<List<Block>> trunks = new ArrayList<>();
        int head;
        if (spec.design() == Design.SEPARATE) {
            ParallelBlock parallel = as(top.get(0), ParallelBlock.class, -1);
            for (Block branch : parallel.getChildren().values()) {
                List<Block> b = children(branch, "branch");
                as(b.get(0), LambdaBlock.class, -1); // takes channel g
                trunks.add(b.subList(1, b.size()));
            }
            if (trunks.size() != spec.channels()) {
                throw new IllegalStateException("separate network has " + trunks.size() + " branches for "
                        + spec.channels() + " channels");
            }
            head = 1;
        } else {
            trunks.add(top.subList(0, Math.min(top.size(), blocks + 2)));
            head = blocks + 2;
        }
        if (top.size() != head + 4) {
            throw new IllegalStateException("network has " + top.size() + " blocks, expected " + (head + 4));
        }
        for (List<Block> trunk : trunks) {
            if (trunk.size() != blocks + 2) {
                throw new IllegalStateException("a trunk has " + trunk.size() + " blocks, expected " + (blocks + 2));
            }
            as(trunk.get(blocks), LambdaBlock.class, -1);
            as(trunk.get(blocks + 1), LambdaBlock.class, -1);
        }
        String x = OnnxProtos.trunk(g.graph, INPUT, trunks.size(),
                (branch, prefix, in) -> g.convBlocks(trunks.get(branch), blocks, prefix, in));
        x = g.node("Flatten", "head.flatten", List.of(x), intAttr("axis", 1));
        x = g.gemm(as(top.get(head), Linear.class, -1), "head.dense", x);
        as(top.get(head + 1), LambdaBlock.class, -1);
        x = g.node("Relu", "head.relu", List.of(x));
        as(top.get(head + 2), Dropout.class, -1); // identity at inference
        String logits = g.gemm(as(top.get(head + 3), Linear.class, -1), "head.logits", x);
        g.graph.addNode(OnnxMl.NodeProto.newBuilder().setName("softmax").setOpType("Softmax")
                .addInput(logits).addOutput(OUTPUT).addAttribute(intAttr("axis", 1)));
        g.graph.setName("triax_" + spec.design().label())
                .addInput(valueInfo(INPUT, dim("batch"), dim(spec.channels()), dim(spec.bins()), dim(spec.frames())))
                .addOutput(valueInfo(OUTPUT, dim("batch"), dim(spec.classes())));
        return g.graph.build();
    }

    private static List<Block> children(Block b, String what) {
        if (!(b instanceof SequentialBlock s)) {
            throw new IllegalStateException(what + " is a " + b.getClass().getSimpleName() + ", expected a SequentialBlock");
        }
        return s.getChildren().values();
    }

    private static <T extends Block> T as(Block b, Class<T> type, int convBlock) {
        if (!type.isInstance(b)) {
            throw new IllegalStateException((convBlock >= 0 ? "conv block " + convBlock : "head") + " holds a "
                    + b.getClass().getSimpleName() + " where the export expects a " + type.getSimpleName());
        }
        return type.cast(b);
    }

    /** Nodes and initializers, with unique value names. */
    private static final class Graph {
        final OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder();

        String node(String op, String name, List<String> inputs, OnnxMl.AttributeProto... attributes) {
            graph.addNode(OnnxProtos.node(op, name, inputs, attributes));
            return name;
        }

        /** The conv blocks of one trunk. */
        String convBlocks(List<Block> trunk, int blocks, String prefix, String x) {
            for (int i = 0; i < blocks; i++) {
                List<Block> c = children(trunk.get(i), "conv block " + i);
                if (c.size() != 4) {
                    throw new IllegalStateException("conv block " + i + " has " + c.size() + " blocks, expected 4");
                }
                as(c.get(2), LambdaBlock.class, i);
                as(c.get(3), LambdaBlock.class, i);
                String name = prefix + "block" + i;
                x = conv(as(c.get(0), Conv2d.class, -1), name, x);
                x = batchNorm(as(c.get(1), BatchNorm.class, -1), name, x);
                x = node("MaxPool", name + ".maxpool", List.of(x), ints("kernel_shape", 2, 2), ints("strides", 2, 2));
                x = node("Relu", name + ".relu", List.of(x));
            }
            return x;
        }

        String initializer(String name, Parameter p) {
            graph.addInitializer(tensor(name, p.getArray().getShape().getShape(), p.getArray().toFloatArray()));
            return name;
        }

        String conv(Conv2d c, String name, String x) {
            if (!c.getKernelShape().equals(new Shape(3, 3)) || !c.getPadding().equals(new Shape(1, 1)) || c.getGroups() != 1) {
                throw new IllegalStateException(name + ": convolution " + c.getKernelShape() + " pad "
                        + c.getPadding() + " groups " + c.getGroups() + " is not the 3x3, pad 1 the export writes");
            }
            List<String> in = new ArrayList<>(List.of(x, initializer(name + ".conv.weight", param(c, "weight"))));
            if (c.isIncludeBias()) {
                in.add(initializer(name + ".conv.bias", param(c, "bias")));
            }
            return node("Conv", name + ".conv", in, ints("kernel_shape", 3, 3), ints("pads", 1, 1, 1, 1),
                    ints("strides", stride(c, 0), stride(c, 1)), ints("dilations", 1, 1));
        }

        String batchNorm(BatchNorm norm, String name, String x) {
            List<String> in = List.of(x, initializer(name + ".bn.scale", param(norm, "gamma")),
                    initializer(name + ".bn.bias", param(norm, "beta")),
                    initializer(name + ".bn.mean", param(norm, "runningMean")),
                    initializer(name + ".bn.var", param(norm, "runningVar")));
            return node("BatchNormalization", name + ".bn", in,
                    OnnxMl.AttributeProto.newBuilder().setName("epsilon").setType(OnnxMl.AttributeProto.AttributeType.FLOAT)
                            .setF(Networks.BATCH_NORM_EPSILON).build());
        }

        String gemm(Linear l, String name, String x) {
            return node("Gemm", name, List.of(x, initializer(name + ".weight", param(l, "weight")),
                    initializer(name + ".bias", param(l, "bias"))), intAttr("transB", 1));
        }
    }

    private static long stride(Conv2d c, int axis) {
        Shape s = c.getStride();
        return s == null || s.dimension() <= axis ? 1 : s.get(axis);
    }

    private static Parameter param(Block b, String name) {
        Parameter p = b.getParameters().get(name);
        if (p == null || !p.isInitialized()) {
            throw new IllegalStateException(b.getClass().getSimpleName() + " has no initialised parameter '" + name + "'");
        }
        return p;
    }

    static OnnxMl.TensorProto tensor(String name, long[] dims, float[] values) {
        return OnnxProtos.floats(name, dims, values);
    }

    static OnnxMl.ValueInfoProto valueInfo(String name, OnnxMl.TensorShapeProto.Dimension... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (OnnxMl.TensorShapeProto.Dimension d : dims) {
            shape.addDim(d);
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder()
                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setShape(shape))).build();
    }

    /**
     * The {@code triax.*} metadata properties: the preprocessing contract as flat keys with plain
     * values (numbers in Java's shortest round-trip form, lists comma-separated), the full
     * metadata JSON, and the SHA-256 of the weights.
     */
    public static Map<String, String> properties(ModelMetadata meta, String weightsSha256) {
        Preprocessing pre = meta.preprocessing();
        StftConfig stft = pre.stft();
        Normalization norm = meta.normalization();
        double fs = pre.sampleRate();
        Map<String, String> p = new LinkedHashMap<>();
        p.put(KEY_FORMAT_VERSION, Integer.toString(formatVersionFor(pre)));
        p.put(PREFIX + "design", meta.network().design().label());
        p.put(PREFIX + "classes", String.join(",", meta.classes()));
        p.put(PREFIX + "channels", String.join(",", pre.channels()));
        p.put(PREFIX + "sample_rate_hz", Double.toString(fs));
        p.put(PREFIX + "resample", Boolean.toString(pre.resample()));
        p.put(PREFIX + "window_samples", Integer.toString(pre.window().length()));
        p.put(PREFIX + "hop_samples", Integer.toString(pre.window().hop()));
        p.put(PREFIX + "stft_segment", Integer.toString(stft.segment()));
        p.put(PREFIX + "stft_overlap", Integer.toString(stft.overlap()));
        p.put(PREFIX + "stft_window", windowName(stft.window()));
        p.put(PREFIX + "stft_scaling", SCALING);
        p.put(PREFIX + "db_floor", Double.toString(stft.dbFloor()));
        p.put(PREFIX + "first_bin", Integer.toString(stft.firstBin(fs)));
        p.put(PREFIX + "bins", Integer.toString(pre.bins()));
        p.put(PREFIX + "frames", Integer.toString(pre.frames()));
        transformProperties(pre, p);
        p.put(PREFIX + "norm_mean", floats(norm.mean()));
        p.put(PREFIX + "norm_std", floats(norm.std()));
        p.put(PREFIX + "validation_accuracy", accuracy(meta.validation()));
        p.put(PREFIX + "test_accuracy", accuracy(meta.test()));
        p.put(PREFIX + "preprocessing", describe(pre));
        try {
            p.put(METADATA_JSON, ModelArtifact.JSON.writeValueAsString(meta));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the model metadata", e);
        }
        p.put(WEIGHTS_SHA256, weightsSha256);
        return p;
    }

    /**
     * {@code triax.input} and {@code triax.freq_axis} (always); for an envelope input the size of its
     * FFT and the band as bins of it (and in Hz when fs is known); for a log axis each row's centre
     * and half-width in linear STFT bins.
     */
    private static void transformProperties(Preprocessing pre, Map<String, String> p) {
        p.put(PREFIX + "input", pre.transform().kind().name().toLowerCase(Locale.ROOT));
        p.put(PREFIX + "freq_axis", pre.transform().axis().name().toLowerCase(Locale.ROOT));
        int[] band = pre.envelopeBins();
        if (band != null) {
            // the FFT the envelope is taken with: of the window followed by its mirror image (Envelope)
            p.put(PREFIX + "envelope_fft_size", Integer.toString(2 * pre.window().length()));
            p.put(PREFIX + "envelope_first_bin", Integer.toString(2 * band[0]));
            p.put(PREFIX + "envelope_last_bin", Integer.toString(2 * band[1]));
            if (!Double.isNaN(pre.sampleRate())) {
                double hzPerBin = pre.sampleRate() / pre.window().length();
                p.put(PREFIX + "envelope_band_hz", band[0] * hzPerBin + "," + band[1] * hzPerBin);
            }
        }
        LogFrequencyBins log = pre.logBins();
        if (log != null) {
            p.put(PREFIX + "log_bin_centers", doubles(log.centers()));
            p.put(PREFIX + "log_bin_half_widths", doubles(log.halfWidths()));
        }
    }

    private static String doubles(double[] v) {
        return java.util.Arrays.stream(v).mapToObj(Double::toString).collect(Collectors.joining(","));
    }

    /** Hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        return org.triax.io.Sha256.hex(bytes);
    }

    /** scipy.signal.get_window's name of the taper (all periodic, as scipy uses for spectra). */
    static String windowName(WindowFunction w) {
        return w == WindowFunction.RECTANGULAR ? "boxcar" : w.name().toLowerCase(Locale.ROOT);
    }

    private static String floats(float[] v) {
        return IntStream.range(0, v.length).mapToObj(i -> Float.toString(v[i])).collect(Collectors.joining(","));
    }

    private static String accuracy(Metrics m) {
        return m == null ? "NaN" : Double.toString(m.accuracy());
    }

    /** {@code triax.preprocessing}: the recipe from raw samples to the input tensor, in words. */
    static String describe(Preprocessing pre) {
        String envelope = pre.envelopeBins() == null ? "" : "Input envelope: replace each channel's window x by its "
                + "band envelope: y = x followed by x reversed (envelope_fft_size = 2 window_samples samples), Y = FFT(y), "
                + "multiply Y[k] by 2 for envelope_first_bin <= k <= envelope_last_bin (by 1 for k = envelope_fft_size/2), "
                + "by 0 for every other k (negative frequencies included), e = |inverse FFT| of which the first "
                + "window_samples samples, minus their mean; what follows applies to e. ";
        String rows = pre.logBins() == null ? "keep k = first_bin .. first_bin + bins - 1; "
                : "frequency axis log: row j (j = 0 .. bins-1) is sum_k w[j][k] PSD[k] over k = first_bin .. first_bin + "
                + "bins - 1, w[j][k] = max(0, 1 - |k - log_bin_centers[j]| / log_bin_half_widths[j]) divided by its sum "
                + "over k; ";
        return "Input of one window: the window_samples samples starting at k*hop_samples (k = 0, 1, ...; "
                + "only whole windows) of each channel in the order of triax.channels, sampled at sample_rate_hz "
                + "(NaN = unknown: use fs = 1; when resample is true, a recording at another rate is first "
                + "resampled to it as scipy.signal.resample(x, round(n * sample_rate_hz / its_rate)) does, "
                + "else it is not valid input). " + envelope + "Per channel: frames of stft_segment samples every "
                + "stft_segment - stft_overlap samples (frames = (window_samples - stft_segment) / "
                + "(stft_segment - stft_overlap) + 1); from each frame subtract its mean, multiply by the periodic "
                + "stft_window w (scipy.signal.get_window name, e.g. hann: w[n] = 0.5 - 0.5 cos(2 pi n / stft_segment)), "
                + "real FFT X[k]; PSD[k] = |X[k]|^2 / (fs * sum(w^2)), times 2 for 0 < k < stft_segment/2 "
                + "(one-sided density); " + rows
                + "value = max(10 log10(PSD), db_floor); then (value - norm_mean[c]) / norm_std[c] for channel c. "
                + "This equals scipy.signal.spectrogram(x, fs, window=stft_window, nperseg=stft_segment, "
                + "noverlap=stft_overlap, detrend='constant', scaling='density', mode='psd') cut to those bins "
                + "(or pooled onto the log axis), "
                + "in dB, clipped and normalised. Tensor: float32 [batch, channels, bins, frames] (bins = rows, "
                + "low frequency first; frames = columns, in time order) fed as '" + INPUT + "'. Output '"
                + OUTPUT + "': softmax over triax.classes per window; a recording's verdict is the class with the "
                + "highest mean probability over all its windows.";
    }
}
