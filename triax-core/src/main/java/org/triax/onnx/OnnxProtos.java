package org.triax.onnx;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;

/** Small builders of ONNX protobuf pieces shared by the classifier and autoencoder exports. */
final class OnnxProtos {
    private OnnxProtos() {
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
}
