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

    /**
     * A separate model exported before the per-branch graph (one grouped convolution per block)
     * still quantizes: rebuilt here from today's export, it gives the same probabilities, and its
     * int8 form follows them.
     */
    @Test
    void anOlderGroupedSeparateExportStillQuantizes() {
        OnnxMl.ModelProto m = fp32(Design.SEPARATE);
        OnnxMl.ModelProto grouped = grouped(m);
        assertEquals(1, FoldedGraph.of(grouped.getGraph()).branches().size());
        float[] x = TestModels.randomInput(COUNT * SIZE, 9);
        float[][] p = run(m, x, COUNT);
        assertTrue(maxDiff(p, run(grouped, x, COUNT)) <= 1e-5);
        float[][] pq = run(Int8Export.quantize(grouped, TestModels.randomInput(COUNT * SIZE, 8), COUNT,
                Int8Export.Form.QDQ, "w"), x, COUNT);
        assertTrue(maxDiff(p, pq) < 0.05, "max |int8 - fp32| = " + maxDiff(p, pq));
    }

    /** The per-branch separate graph as the older export wrote it: branch weights stacked, {@code group = C}. */
    private static OnnxMl.ModelProto grouped(OnnxMl.ModelProto perBranch) {
        OnnxMl.GraphProto g = perBranch.getGraph();
        java.util.Map<String, OnnxMl.TensorProto> init = new java.util.HashMap<>();
        g.getInitializerList().forEach(t -> init.put(t.getName(), t));
        int branches = g.getNode(0).getOutputCount();
        OnnxMl.GraphProto.Builder out = g.toBuilder().clearNode().clearInitializer();
        String x = OnnxExport.INPUT;
        // branch 0's blocks give the node sequence; every branch's parameters are stacked
        for (int k = 1; !g.getNode(k).getOpType().equals("GlobalAveragePool"); k++) {
            OnnxMl.NodeProto n = g.getNode(k);
            String name = n.getName().substring("branch0.".length());
            OnnxMl.NodeProto.Builder b = n.toBuilder().setName(name).clearInput().clearOutput().addInput(x).addOutput(name);
            for (int i = 1; i < n.getInputCount(); i++) {
                String w = n.getInput(i).substring("branch0.".length());
                float[] values = new float[0];
                long[] dims = null;
                for (int br = 0; br < branches; br++) {
                    OnnxMl.TensorProto t = init.get(OnnxProtos.branchPrefix(br) + w);
                    float[] v = OnnxProtos.floatValues(t);
                    dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
                    values = java.util.Arrays.copyOf(values, values.length + v.length);
                    System.arraycopy(v, 0, values, values.length - v.length, v.length);
                }
                dims[0] *= branches;
                out.addInitializer(OnnxProtos.floats(w, dims, values));
                b.addInput(w);
            }
            if (n.getOpType().equals("Conv")) {
                b.addAttribute(OnnxProtos.intAttr("group", branches));
            }
            out.addNode(b);
            x = name;
        }
        out.addNode(OnnxProtos.node("GlobalAveragePool", "head.avgpool", List.of(x)));
        int head = g.getNodeList().indexOf(g.getNodeList().stream().filter(n -> n.getOpType().equals("Flatten"))
                .findFirst().orElseThrow());
        out.addNode(g.getNode(head).toBuilder().setInput(0, "head.avgpool"));
        for (int k = head + 1; k < g.getNodeCount(); k++) {
            out.addNode(g.getNode(k));
        }
        g.getInitializerList().stream().filter(t -> t.getName().startsWith("head.")).forEach(out::addInitializer);
        return perBranch.toBuilder().setGraph(out).build();
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
