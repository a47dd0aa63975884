package org.triax.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.triax.artifact.ModelMetadata;
import org.triax.model.Design;
import org.triax.model.Networks;
import org.triax.model.TriaxNetwork;

class OnnxExportTest {

    @ParameterizedTest
    @EnumSource(Design.class)
    void onnxRuntimeGivesTheProbabilitiesOfTheDjlNetwork(Design design) {
        try (TriaxNetwork net = TestModels.network(design, 11 + design.ordinal())) {
            ModelMetadata meta = TestModels.metadata(net.spec());
            byte[] onnx = OnnxExport.export(net, meta).toByteArray();
            int size = 3 * 16 * 16;
            int count = 70; // more than one ONNX Runtime batch (64)
            float[] x = TestModels.randomInput(count * size, 5);
            float[][] djl = net.probabilities(x, count, 16);
            try (OnnxNetwork ort = OnnxNetwork.fromBytes(onnx, "test.onnx")) {
                float[][] p = ort.probabilities(x, count);
                assertEquals(count, p.length);
                double maxDiff = 0;
                double spread = 0;
                for (int i = 0; i < count; i++) {
                    assertEquals(3, p[i].length);
                    for (int c = 0; c < 3; c++) {
                        maxDiff = Math.max(maxDiff, Math.abs(p[i][c] - djl[i][c]));
                        spread = Math.max(spread, Math.abs(p[i][c] - p[0][c]));
                    }
                }
                assertTrue(maxDiff <= 1e-5, design + ": max |ORT - DJL| = " + maxDiff);
                assertTrue(spread > 1e-3, "the random network should not give every window the same answer");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Design.class)
    void graphIsTheStandardLayerSequenceWithTheContractInItsProperties(Design design) {
        try (TriaxNetwork net = TestModels.network(design, 3)) {
            OnnxMl.ModelProto m = OnnxExport.export(net, TestModels.metadata(net.spec()));
            assertEquals(OnnxExport.OPSET, m.getOpsetImport(0).getVersion());
            assertEquals("triax", m.getProducerName());
            OnnxMl.GraphProto g = m.getGraph();
            List<String> block = List.of("Conv", "BatchNormalization", "MaxPool", "Relu");
            List<String> trunk = new java.util.ArrayList<>(block);
            trunk.addAll(block);
            trunk.add("GlobalAveragePool");
            List<String> ops = new java.util.ArrayList<>();
            if (design == Design.SEPARATE) { // one branch per channel, pooled features concatenated
                ops.add("Split");
                for (int b = 0; b < 3; b++) {
                    ops.addAll(trunk);
                }
                ops.add("Concat");
            } else {
                ops.addAll(trunk);
            }
            ops.addAll(List.of("Flatten", "Gemm", "Relu", "Gemm", "Softmax"));
            assertEquals(ops, g.getNodeList().stream().map(OnnxMl.NodeProto::getOpType).toList());
            int first = design == Design.SEPARATE ? 1 : 0;
            assertTrue(g.getNode(first).getAttributeList().stream().noneMatch(a -> a.getName().equals("group")));
            OnnxMl.NodeProto bn = g.getNode(first + 1);
            assertEquals(Networks.BATCH_NORM_EPSILON, bn.getAttribute(0).getF());
            // batch norm is not the identity: running variance from the random draw, not DJL's initial 1
            String varName = (design == Design.SEPARATE ? "branch0." : "") + "block0.bn.var";
            OnnxMl.TensorProto var = g.getInitializerList().stream().filter(t -> t.getName().equals(varName))
                    .findFirst().orElseThrow();
            assertEquals(List.of(4L), var.getDimsList());
            float firstVar = var.getRawData().asReadOnlyByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN).getFloat(0);
            assertTrue(firstVar != 1f && firstVar > 0.3f, "running variance " + firstVar);
            OnnxMl.NodeProto gemm = g.getNode(ops.indexOf("Gemm"));
            assertEquals("transB", gemm.getAttribute(0).getName());
            assertEquals(1, gemm.getAttribute(0).getI());

            OnnxMl.ValueInfoProto in = g.getInput(0);
            assertEquals(OnnxExport.INPUT, in.getName());
            List<OnnxMl.TensorShapeProto.Dimension> dims = in.getType().getTensorType().getShape().getDimList();
            assertEquals("batch", dims.get(0).getDimParam());
            assertEquals(List.of(3L, 16L, 16L), dims.subList(1, 4).stream().map(d -> d.getDimValue()).toList());
            assertEquals(OnnxExport.OUTPUT, g.getOutput(0).getName());
            assertEquals("batch", g.getOutput(0).getType().getTensorType().getShape().getDim(0).getDimParam());
            assertEquals(3, g.getOutput(0).getType().getTensorType().getShape().getDim(1).getDimValue());

            Map<String, String> p = new HashMap<>();
            m.getMetadataPropsList().forEach(e -> p.put(e.getKey(), e.getValue()));
            assertEquals("1", p.get("triax.format_version"));
            assertEquals(design.label(), p.get("triax.design"));
            assertEquals("healthy,imbalance,bearing", p.get("triax.classes"));
            assertEquals("X,Y,Z", p.get("triax.channels"));
            assertEquals("1000.0", p.get("triax.sample_rate_hz"));
            assertEquals("false", p.get("triax.resample"));
            assertEquals("60", p.get("triax.window_samples"));
            assertEquals("30", p.get("triax.hop_samples"));
            assertEquals("30", p.get("triax.stft_segment"));
            assertEquals("28", p.get("triax.stft_overlap"));
            assertEquals("hann", p.get("triax.stft_window"));
            assertEquals("psd density, one-sided, segment mean removed", p.get("triax.stft_scaling"));
            assertEquals("-120.0", p.get("triax.db_floor"));
            assertEquals("0", p.get("triax.first_bin"));
            assertEquals("16", p.get("triax.bins"));
            assertEquals("16", p.get("triax.frames"));
            assertEquals("-42.5,-47.25,-51.125", p.get("triax.norm_mean"));
            assertEquals("11.5,12.75,9.875", p.get("triax.norm_std"));
            assertEquals("0.75", p.get("triax.validation_accuracy"));
            assertEquals("1.0", p.get("triax.test_accuracy"));
            assertTrue(p.get("triax.preprocessing").contains("10 log10(PSD)"));
            assertTrue(p.get("triax.metadata_json").contains("\"format\" : \"triax-model\""));
            assertEquals(OnnxExport.sha256(net.parameters()), p.get("triax.weights_sha256"));
        }
    }
}
