package org.triax.onnx;

import static org.triax.onnx.OnnxProtos.intAttr;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.util.List;

/**
 * The integer part of an {@link Int8Export} graph, written block by block in either form. Tracks
 * the current activation: its tensor name (uint8 in the QOperator form, its dequantized float in
 * the QDQ form) and the names and value of its scale and zero point.
 */
final class Int8Graph {
    /** uint8 activations, int8 weights symmetric in [-127, 127] (no -128: no overflow in the kernels' pair sums). */
    private static final int ACTIVATION_LEVELS = 255;
    private static final int WEIGHT_MAX = 127;

    final OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder();
    private final Int8Export.Form form;
    private String scale;
    private String zeroPoint;
    private float scaleValue;

    Int8Graph(Int8Export.Form form) {
        this.form = form;
    }

    /** Quantizes float tensor {@code x} whose calibration values span {@code [lo, hi]} (0 included). */
    String quantize(String x, float lo, float hi) {
        float s = hi > lo ? (hi - lo) / ACTIVATION_LEVELS : 1f;
        int zp = (int) Math.max(0, Math.min(ACTIVATION_LEVELS, Math.rint(-lo / s)));
        activation(x, s, zp);
        String q = node("QuantizeLinear", x + ".q", x, scale, zeroPoint);
        return form == Int8Export.Form.QDQ ? node("DequantizeLinear", x + ".dq", q, scale, zeroPoint) : q;
    }

    /**
     * A block left in float32 on float tensor {@code x} (the batch norm folded all the same),
     * written max-pool then ReLU: with the ReLU last, the quantization that follows stays after the
     * max-pool (ONNX Runtime moves a QuantizeLinear up through a max-pool that ends a block, onto its
     * slow uint8 NCHW max-pool: 7.4 against 0.8 ms per 64 windows here).
     */
    String floatBlock(String x, FoldedGraph.ConvBlock b) {
        graph.addInitializer(OnnxProtos.floats(b.name() + ".conv.weight", b.dims(), b.weight()));
        graph.addInitializer(OnnxProtos.floats(b.name() + ".conv.bias", new long[] {b.outChannels()}, b.bias()));
        graph.addNode(Int8Export.conv("Conv", b, List.of(x, b.name() + ".conv.weight", b.name() + ".conv.bias")));
        graph.addNode(Int8Export.maxPool(b.name() + ".maxpool", b.name() + ".conv"));
        return node("Relu", b.name() + ".relu", b.name() + ".maxpool");
    }

    /** One block on the current activation {@code x}; its ReLU output calibrated to {@code [0, max]}. */
    String block(String x, FoldedGraph.ConvBlock b, float max) {
        int out = b.outChannels();
        int fan = b.fanIn();
        float[] ws = new float[out];
        byte[] wq = new byte[b.weight().length];
        float[] bs = new float[out];
        int[] bq = new int[out];
        for (int o = 0; o < out; o++) {
            float m = 0;
            for (int i = o * fan; i < (o + 1) * fan; i++) {
                m = Math.max(m, Math.abs(b.weight()[i]));
            }
            ws[o] = m > 0 ? m / WEIGHT_MAX : 1f;
            for (int i = o * fan; i < (o + 1) * fan; i++) {
                wq[i] = (byte) Math.max(-WEIGHT_MAX, Math.min(WEIGHT_MAX, Math.rint(b.weight()[i] / ws[o])));
            }
            bs[o] = scaleValue * ws[o];
            bq[o] = (int) Math.max(Integer.MIN_VALUE + 1, Math.min(Integer.MAX_VALUE, Math.rint(b.bias()[o] / bs[o])));
        }
        String p = b.name() + ".conv.";
        long[] perChannel = {out};
        graph.addInitializer(OnnxProtos.tensor(p + "weight_q", DataType.INT8, b.dims(), wq));
        graph.addInitializer(OnnxProtos.floats(p + "weight_scale", perChannel, ws));
        graph.addInitializer(OnnxProtos.tensor(p + "weight_zero_point", DataType.INT8, perChannel, new byte[out]));
        graph.addInitializer(OnnxProtos.int32s(p + "bias_q", perChannel, bq));
        String inScale = scale;
        String inZero = zeroPoint;
        activation(b.name(), max > 0 ? max / ACTIVATION_LEVELS : 1f, 0);
        if (form == Int8Export.Form.QOPERATOR) {
            graph.addNode(Int8Export.conv("QLinearConv", b, List.of(x, inScale, inZero, p + "weight_q", p + "weight_scale",
                    p + "weight_zero_point", scale, zeroPoint, p + "bias_q")));
            graph.addNode(Int8Export.maxPool(b.name() + ".maxpool", b.name() + ".conv"));
            return b.name() + ".maxpool";
        }
        graph.addInitializer(OnnxProtos.floats(p + "bias_scale", perChannel, bs));
        graph.addInitializer(OnnxProtos.int32s(p + "bias_zero_point", perChannel, new int[out]));
        String w = node("DequantizeLinear", p + "weight", p + "weight_q", p + "weight_scale", p + "weight_zero_point");
        String bias = node("DequantizeLinear", p + "bias", p + "bias_q", p + "bias_scale", p + "bias_zero_point");
        graph.addNode(Int8Export.conv("Conv", b, List.of(x, w, bias)));
        String relu = node("Relu", b.name() + ".relu", b.name() + ".conv");
        String r = qdq(b.name() + ".relu", relu);
        graph.addNode(Int8Export.maxPool(b.name() + ".maxpool", r));
        return qdq(b.name() + ".maxpool", b.name() + ".maxpool");
    }

    /** The current activation as float32, for the head. */
    String toFloat(String x) {
        return form == Int8Export.Form.QDQ ? x : node("DequantizeLinear", x + ".dq", x, scale, zeroPoint);
    }

    /** QuantizeLinear then DequantizeLinear of {@code x} at the current scale. */
    private String qdq(String name, String x) {
        String q = node("QuantizeLinear", name + ".q", x, scale, zeroPoint);
        return node("DequantizeLinear", name + ".dq", q, scale, zeroPoint);
    }

    /** Makes {@code name}'s scale {@code s} and uint8 zero point {@code zp} the current ones. */
    private void activation(String name, float s, int zp) {
        scale = name + ".scale";
        zeroPoint = name + ".zero_point";
        scaleValue = s;
        graph.addInitializer(OnnxProtos.floats(scale, new long[0], new float[] {s}));
        graph.addInitializer(OnnxProtos.tensor(zeroPoint, DataType.UINT8, new long[0], new byte[] {(byte) zp}));
    }

    private String node(String op, String name, String... inputs) {
        OnnxMl.NodeProto n = OnnxProtos.node(op, name, List.of(inputs));
        // per output channel
        if (op.equals("DequantizeLinear") && (name.endsWith(".conv.weight") || name.endsWith(".conv.bias"))) {
            n = n.toBuilder().addAttribute(intAttr("axis", 0)).build();
        }
        graph.addNode(n);
        return name;
    }
}
