package org.triax.onnx;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** Small builders of ONNX protobuf pieces shared by the classifier, int8 and autoencoder exports. */
final class OnnxProtos {
    private OnnxProtos() {
    }

    /** One branch's layers, written from its input {@code x}; names start with {@code prefix}. Returns its output. */
    interface Chain {
        String write(int branch, String prefix, String x);
    }

    /**
     * The trunk of a classifier graph: one chain on {@code input} (prefix "") or, for a separate
     * design's {@code branches} channels, a {@code Split} of the channels and one chain per channel
     * (prefix {@code branchB.}); each chain ends in a {@code GlobalAveragePool}, the branches'
     * pooled features concatenated in branch order. Per-branch convolutions run 1.3x faster in
     * ONNX Runtime than the same maths as one grouped convolution. Returns the features' name.
     */
    static String trunk(OnnxMl.GraphProto.Builder g, String input, int branches, Chain chain) {
        if (branches == 1) {
            String x = chain.write(0, "", input);
            g.addNode(node("GlobalAveragePool", "head.avgpool", List.of(x)));
            return "head.avgpool";
        }
        OnnxMl.NodeProto.Builder split = OnnxMl.NodeProto.newBuilder().setName("split").setOpType("Split")
                .addInput(input).addAttribute(intAttr("axis", 1));
        for (int b = 0; b < branches; b++) {
            split.addOutput(branchPrefix(b) + "input");
        }
        g.addNode(split);
        List<String> pooled = new java.util.ArrayList<>();
        for (int b = 0; b < branches; b++) {
            String prefix = branchPrefix(b);
            String x = chain.write(b, prefix, prefix + "input");
            g.addNode(node("GlobalAveragePool", prefix + "avgpool", List.of(x)));
            pooled.add(prefix + "avgpool");
        }
        g.addNode(node("Concat", "head.concat", pooled, intAttr("axis", 1)));
        return "head.concat";
    }

    static String branchPrefix(int branch) {
        return "branch" + branch + ".";
    }

    static OnnxMl.AttributeProto ints(String name, long... values) {
        OnnxMl.AttributeProto.Builder a = OnnxMl.AttributeProto.newBuilder().setName(name)
                .setType(OnnxMl.AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    static OnnxMl.AttributeProto intAttr(String name, long value) {
        return OnnxMl.AttributeProto.newBuilder().setName(name).setType(OnnxMl.AttributeProto.AttributeType.INT)
                .setI(value).build();
    }

    static OnnxMl.AttributeProto text(String name, String value) {
        return OnnxMl.AttributeProto.newBuilder().setName(name).setType(OnnxMl.AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }

    static OnnxMl.TensorShapeProto.Dimension dim(long value) {
        return OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(value).build();
    }

    static OnnxMl.TensorShapeProto.Dimension dim(String param) {
        return OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam(param).build();
    }

    /** A node whose one output is named after it. */
    static OnnxMl.NodeProto node(String op, String name, List<String> inputs, OnnxMl.AttributeProto... attributes) {
        OnnxMl.NodeProto.Builder n = OnnxMl.NodeProto.newBuilder().setName(name).setOpType(op)
                .addAllInput(inputs).addOutput(name);
        for (OnnxMl.AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        return n.build();
    }

    /** A tensor of {@code type} from its little-endian bytes. */
    static OnnxMl.TensorProto tensor(String name, OnnxMl.TensorProto.DataType type, long[] dims, byte[] raw) {
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(raw));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    static OnnxMl.TensorProto floats(String name, long[] dims, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return tensor(name, OnnxMl.TensorProto.DataType.FLOAT, dims, b.array());
    }

    static OnnxMl.TensorProto int32s(String name, long[] dims, int[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return tensor(name, OnnxMl.TensorProto.DataType.INT32, dims, b.array());
    }

    /** The values of a float tensor written by {@link #floats} (raw data). */
    static float[] floatValues(OnnxMl.TensorProto t) {
        if (t.getDataType() != OnnxMl.TensorProto.DataType.FLOAT.getNumber()) {
            throw new IllegalStateException("initializer " + t.getName() + " is not float32");
        }
        if (t.getFloatDataCount() > 0) {
            float[] v = new float[t.getFloatDataCount()];
            for (int i = 0; i < v.length; i++) {
                v[i] = t.getFloatData(i);
            }
            return v;
        }
        float[] v = new float[t.getRawData().size() / Float.BYTES];
        t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }
}
