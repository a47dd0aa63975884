package org.triax.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.artifact.VerdictRule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.triax.model.Design;
import org.triax.model.TriaxNetwork;

class Int8ExportTest {
    private static final int SIZE = 3 * 16 * 16;
    private static final int COUNT = 200;

    private static OnnxMl.ModelProto fp32(Design design) {
        try (TriaxNetwork net = TestModels.network(design, 21 + design.ordinal())) {
            return OnnxExport.export(net, TestModels.metadata(net.spec()));
        }
    }

    private static float[][] run(OnnxMl.ModelProto m, float[] x, int count) {
        try (OnnxNetwork n = OnnxNetwork.fromBytes(m.toByteArray(), "test.onnx")) {
            return n.probabilities(x, count);
        }
    }

    private static double maxDiff(float[][] a, float[][] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            for (int c = 0; c < a[i].length; c++) {
                d = Math.max(d, Math.abs(a[i][c] - b[i][c]));
            }
        }
        return d;
    }

    @ParameterizedTest
    @EnumSource(Design.class)
    void foldingTheBatchNormsKeepsTheProbabilities(Design design) {
        OnnxMl.ModelProto m = fp32(design);
        float[] x = TestModels.randomInput(COUNT * SIZE, 7);
        OnnxMl.ModelProto folded = Int8Export.folded(m);
        assertTrue(folded.getGraph().getNodeList().stream().noneMatch(n -> n.getOpType().equals("BatchNormalization")));
        double d = maxDiff(run(m, x, COUNT), run(folded, x, COUNT));
        assertTrue(d <= 1e-5, design + ": folded vs export " + d);
    }

    @ParameterizedTest
    @EnumSource(Design.class)
    void int8ProbabilitiesFollowTheFloatOnes(Design design) {
        OnnxMl.ModelProto m = fp32(design);
        float[] calibration = TestModels.randomInput(COUNT * SIZE, 8);
        float[] x = TestModels.randomInput(COUNT * SIZE, 9);
        float[][] p = run(m, x, COUNT);
        for (Int8Export.Form form : Int8Export.Form.values()) {
            OnnxMl.ModelProto q = Int8Export.quantize(m, calibration, COUNT, form, "test windows");
            float[][] pq = run(q, x, COUNT);
            int agree = 0;
            for (int i = 0; i < COUNT; i++) {
                agree += VerdictRule.argmax(p[i]) == VerdictRule.argmax(pq[i]) ? 1 : 0;
            }
            double d = maxDiff(p, pq);
            assertTrue(agree >= COUNT * 98 / 100, design + " " + form + ": " + agree + " of " + COUNT + " windows agree");
            assertTrue(d < 0.05, design + " " + form + ": max |int8 - fp32| = " + d);
        }
    }


    /**
     * The first block (3 input channels) stays float32, the second runs on ONNX Runtime's integer
     * convolution, and the first block's max-pool stays before the quantization: ONNX Runtime
     * moves a QuantizeLinear up through a max-pool when it can, onto its slow uint8 NCHW max-pool.
     */
    @ParameterizedTest
    @EnumSource(Int8Export.Form.class)
    void onnxRuntimeRunsTheLaterConvolutionsOnIntegerKernels(Int8Export.Form form, @TempDir Path dir) throws Exception {
        OnnxMl.ModelProto q = Int8Export.quantize(fp32(Design.FUSED), TestModels.randomInput(COUNT * SIZE, 8), COUNT, form,
                "test windows");
        Path optimized = dir.resolve("optimized.onnx");
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            o.setOptimizedModelFilePath(optimized.toString());
            OrtEnvironment.getEnvironment().createSession(q.toByteArray(), o).close();
        }
        List<OnnxMl.NodeProto> nodes = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(optimized)).getGraph().getNodeList();
        List<String> ops = nodes.stream().map(OnnxMl.NodeProto::getOpType).toList();
        assertEquals(1, ops.stream().filter(op -> op.equals("QLinearConv")).count(), form + ": " + ops);
        assertEquals(1, ops.stream().filter(op -> op.equals("Conv")).count(), form + ": " + ops);
        String quantized = nodes.stream().filter(n -> n.getOpType().equals("QuantizeLinear")).findFirst().orElseThrow()
                .getOutput(0);
        Set<String> readers = nodes.stream().filter(n -> n.getInputList().contains(quantized))
                .map(OnnxMl.NodeProto::getOpType).collect(Collectors.toSet());
        assertTrue(!readers.isEmpty() && !readers.contains("MaxPool"), form + ": " + ops);
    }

    @Test
    void theSameWindowsGiveTheSameModel() {
        OnnxMl.ModelProto m = fp32(Design.SEPARATE);
        float[] calibration = TestModels.randomInput(COUNT * SIZE, 8);
        assertArrayEquals(Int8Export.quantize(m, calibration, COUNT, Int8Export.Form.QDQ, "w").toByteArray(),
                Int8Export.quantize(m, calibration, COUNT, Int8Export.Form.QDQ, "w").toByteArray());
    }

    @Test
    void theModelSaysItIsInt8AndKeepsTheExportsProperties() {
        OnnxMl.ModelProto m = fp32(Design.FUSED);
        OnnxMl.ModelProto q = Int8Export.quantize(m, TestModels.randomInput(COUNT * SIZE, 8), COUNT, Int8Export.Form.QDQ,
                "200 test windows");
        try (OnnxNetwork n = OnnxNetwork.fromBytes(q.toByteArray(), "q.onnx")) {
            assertEquals(Precision.INT8, Precision.of(n.properties()));
            assertEquals("200 test windows", n.properties().get(Int8Export.CALIBRATION));
            assertEquals(m.getMetadataPropsList().stream().filter(e -> e.getKey().equals(OnnxExport.WEIGHTS_SHA256))
                    .findFirst().orElseThrow().getValue(), n.properties().get(OnnxExport.WEIGHTS_SHA256));
        }
        try (OnnxNetwork n = OnnxNetwork.fromBytes(m.toByteArray(), "m.onnx")) {
            assertEquals(Precision.FP32, Precision.of(n.properties()));
        }
    }

    @Test
    void anAutoencoderGraphIsRefused() {
        OnnxMl.ModelProto ae = OnnxMl.ModelProto.newBuilder().setGraph(OnnxMl.GraphProto.newBuilder()
                .addNode(OnnxProtos.node("Slice", "crop", List.of(OnnxExport.INPUT)))).build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Int8Export.quantize(ae, new float[SIZE], 1, Int8Export.Form.QDQ, "w"));
        assertTrue(e.getMessage().contains("not a triax classifier graph"), e.getMessage());
    }
}
