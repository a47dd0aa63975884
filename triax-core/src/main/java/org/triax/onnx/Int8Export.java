package org.triax.onnx;

import static org.triax.onnx.OnnxProtos.intAttr;
import static org.triax.onnx.OnnxProtos.ints;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The int8 form of a classifier's ONNX graph ({@link OnnxExport}): static quantization, the form
 * ONNX Runtime runs on integer kernels (VNNI's {@code vpdpbusd} where the CPU has it). Batch norm
 * is folded into each convolution ({@link FoldedGraph}). A block with at least
 * {@link #MIN_INT8_CHANNELS} input channels per group gets int8 weights, symmetric per output
 * channel, an int32 bias at the input scale times the weight scale, and uint8 activations: the
 * block's input at the scale calibrated on windows the caller gives (the model's training
 * windows), its ReLU output from 0 to its largest calibration value (zero point 0, so the
 * quantization's floor at 0 is the ReLU), max-pooled on the uint8 values. The first block (1 or 3
 * input channels) and the head (global average pool, two dense layers, softmax: a few thousand
 * multiply-adds of the ~10^7 per window) stay float32.
 *
 * <p>Two encodings of the same arithmetic ({@link Form}): QDQ ({@code QuantizeLinear} /
 * {@code DequantizeLinear} pairs around float {@code Conv} and {@code MaxPool}, which ONNX Runtime
 * fuses into its integer kernels; the portable form, the one {@code triax export} writes) and
 * QOperator ({@code QLinearConv} nodes written directly). ONNX Runtime turns both into the same
 * kernels. The model keeps every metadata property of the float32 export (the same weights hash,
 * so it is known as the export of the same {@code .triax}) and adds {@value #PRECISION} =
 * {@code int8}, {@value #FORM} and {@value #CALIBRATION}.
 */
public final class Int8Export {
    public static final String PRECISION = OnnxExport.PREFIX + "precision";
    public static final String CALIBRATION = OnnxExport.PREFIX + "int8_calibration";
    public static final String FORM = OnnxExport.PREFIX + "int8_form";

    /** How the integer arithmetic is written in the graph. */
    public enum Form {
        QDQ, QOPERATOR;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Input channels per group below which a block stays float32: the first block (1 input channel
     * per group in the separate design, 3 in the fused one) ran 2.4x slower on ONNX Runtime's
     * QLinearConv than on its float kernel (3.5 against 1.45 ms per 64 windows of 3 x 65 x 57
     * here), while the next blocks ran 2.5-3.2x faster.
     */
    static final int MIN_INT8_CHANNELS = 4;

    private Int8Export() {
    }

    /** {@code <folder>/<model base name>.int8.onnx} beside {@code modelFile}. */
    public static Path defaultPath(Path modelFile) {
        String fp32 = OnnxExport.defaultPath(modelFile).getFileName().toString();
        return modelFile.resolveSibling(fp32.substring(0, fp32.length() - OnnxExport.EXTENSION.length()) + "int8."
                + OnnxExport.EXTENSION);
    }

    /**
     * The int8 model of {@code fp32} (a classifier export), its activation scales calibrated on the
     * {@code count} normalised window tensors in {@code windows}.
     *
     * @param calibration where the windows came from, in words (saved as {@value #CALIBRATION})
     */
    public static OnnxMl.ModelProto quantize(OnnxMl.ModelProto fp32, float[] windows, int count, Form form,
                                             String calibration) {
        if (count <= 0) {
            throw new IllegalArgumentException("int8 calibration needs at least one window");
        }
        FoldedGraph f = FoldedGraph.of(fp32.getGraph());
        Map<String, Float> reluMax = reluMaxima(fp32, f, windows, count);
        float lo = 0;
        float hi = 0;
        for (int i = 0; i < count * tensorSize(f.input()); i++) {
            lo = Math.min(lo, windows[i]);
            hi = Math.max(hi, windows[i]);
        }
        float inputLo = lo;
        float inputHi = hi;
        Int8Graph g = new Int8Graph(form);
        String x = OnnxProtos.trunk(g.graph, OnnxExport.INPUT, f.branches().size(), (branch, prefix, in) -> {
            String y = in;
            boolean quantized = false;
            List<FoldedGraph.ConvBlock> blocks = f.branches().get(branch);
            for (int b = 0; b < blocks.size(); b++) {
                FoldedGraph.ConvBlock block = blocks.get(b);
                if (block.dims()[1] < MIN_INT8_CHANNELS) {
                    y = g.floatBlock(quantized ? g.toFloat(y) : y, block);
                    quantized = false;
                    continue;
                }
                if (!quantized) {
                    y = b == 0 ? g.quantize(y, inputLo, inputHi) : g.quantize(y, 0, reluMax.get(blocks.get(b - 1).name()));
                    quantized = true;
                }
                y = g.block(y, block, reluMax.get(block.name()));
            }
            return quantized ? g.toFloat(y) : y;
        });
        OnnxMl.GraphProto.Builder graph = g.graph;
        head(f, x).forEach(graph::addNode);
        graph.addAllInitializer(f.headInitializers()).setName(fp32.getGraph().getName() + "_int8")
                .addInput(f.input()).addOutput(f.output());
        OnnxMl.ModelProto.Builder m = fp32.toBuilder().setGraph(graph)
                .setDocString(fp32.getDocString() + "; int8 (" + form.label() + ", calibrated on " + calibration + ")");
        m.addMetadataProps(entry(PRECISION, Precision.INT8.label())).addMetadataProps(entry(FORM, form.label()))
                .addMetadataProps(entry(CALIBRATION, calibration));
        return m.build();
    }

    /**
     * The float32 graph with the batch norms folded and each block's ReLU before its max-pool, and
     * each block's ReLU output as an extra graph output: what calibration runs, and what the tests
     * compare with the export it came from.
     */
    static OnnxMl.ModelProto folded(OnnxMl.ModelProto fp32) {
        FoldedGraph f = FoldedGraph.of(fp32.getGraph());
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName(fp32.getGraph().getName() + "_folded");
        String x = OnnxProtos.trunk(g, OnnxExport.INPUT, f.branches().size(), (branch, prefix, in) -> {
            String y = in;
            for (FoldedGraph.ConvBlock b : f.branches().get(branch)) {
                g.addInitializer(OnnxProtos.floats(b.name() + ".conv.weight", b.dims(), b.weight()));
                g.addInitializer(OnnxProtos.floats(b.name() + ".conv.bias", new long[] {b.outChannels()}, b.bias()));
                g.addNode(conv("Conv", b, List.of(y, b.name() + ".conv.weight", b.name() + ".conv.bias")));
                g.addNode(OnnxProtos.node("Relu", b.name() + ".relu", List.of(b.name() + ".conv")));
                y = b.name() + ".maxpool";
                g.addNode(maxPool(y, b.name() + ".relu"));
            }
            return y;
        });
        head(f, x).forEach(g::addNode);
        g.addAllInitializer(f.headInitializers()).addInput(f.input()).addOutput(f.output());
        for (FoldedGraph.ConvBlock b : f.blocks()) {
            g.addOutput(OnnxMl.ValueInfoProto.newBuilder().setName(b.name() + ".relu").setType(OnnxMl.TypeProto.newBuilder()
                    .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(DataType.FLOAT.getNumber()))));
        }
        return fp32.toBuilder().setGraph(g).build();
    }

    /** The largest value of each block's ReLU output over the calibration windows, by block name. */
    private static Map<String, Float> reluMaxima(OnnxMl.ModelProto fp32, FoldedGraph f, float[] windows, int count) {
        long[] shape = shape(f.input());
        int size = tensorSize(f.input());
        Map<String, Float> max = new java.util.HashMap<>();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions();
                OrtSession s = env.createSession(folded(fp32).toByteArray(), o)) {
            for (int from = 0; from < count; from += OnnxNetwork.BATCH) {
                int n = Math.min(OnnxNetwork.BATCH, count - from);
                shape[0] = n;
                try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(windows, from * size, n * size), shape);
                        OrtSession.Result r = s.run(Map.of(OnnxExport.INPUT, in))) {
                    for (FoldedGraph.ConvBlock b : f.blocks()) {
                        FloatBuffer v = ((OnnxTensor) r.get(b.name() + ".relu").orElseThrow()).getFloatBuffer();
                        float m = max.getOrDefault(b.name(), 0f);
                        while (v.hasRemaining()) {
                            m = Math.max(m, v.get());
                        }
                        max.put(b.name(), m);
                    }
                }
            }
        } catch (OrtException e) {
            throw new IllegalStateException("int8 calibration failed: " + e.getMessage(), e);
        }
        return max;
    }

    /** The head's nodes, the first one reading {@code x} instead of the last block's output. */
    private static List<OnnxMl.NodeProto> head(FoldedGraph f, String x) {
        List<OnnxMl.NodeProto> head = new ArrayList<>(f.head());
        head.set(0, head.get(0).toBuilder().setInput(0, x).build());
        return head;
    }

    static OnnxMl.NodeProto conv(String op, FoldedGraph.ConvBlock b, List<String> inputs) {
        return OnnxProtos.node(op, b.name() + ".conv", inputs, ints("kernel_shape", 3, 3), ints("pads", 1, 1, 1, 1),
                ints("strides", b.strides().get(0), b.strides().get(1)), ints("dilations", 1, 1), intAttr("group", b.group()));
    }

    static OnnxMl.NodeProto maxPool(String name, String x) {
        return OnnxProtos.node("MaxPool", name, List.of(x), ints("kernel_shape", 2, 2), ints("strides", 2, 2));
    }

    private static OnnxMl.StringStringEntryProto entry(String key, String value) {
        return OnnxMl.StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    /** {@code [batch, C, bins, frames]} of the graph input, batch 1. */
    private static long[] shape(OnnxMl.ValueInfoProto input) {
        List<OnnxMl.TensorShapeProto.Dimension> d = input.getType().getTensorType().getShape().getDimList();
        long[] s = new long[d.size()];
        s[0] = 1;
        for (int i = 1; i < s.length; i++) {
            s[i] = d.get(i).getDimValue();
        }
        return s;
    }

    private static int tensorSize(OnnxMl.ValueInfoProto input) {
        return Math.toIntExact(Arrays.stream(shape(input)).reduce(1, Math::multiplyExact));
    }
}
