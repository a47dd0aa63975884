package org.triax.onnx;

import ai.onnx.proto.OnnxMl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A classifier graph written by {@link OnnxExport}, read back with each batch normalisation folded
 * into the convolution before it (inference form: {@code w' = w g / sqrt(v + eps)},
 * {@code b' = (b - m) g / sqrt(v + eps) + beta} per output channel), the form a quantized
 * convolution needs. Reads both trunks the export has written: one chain of blocks (fused, or an
 * older separate export with grouped convolutions), or a {@code Split} into per-channel branches
 * ({@link OnnxProtos#trunk}). The head after the pooled features (dense layers, softmax) is kept as
 * written.
 *
 * @param branches each branch's blocks, in branch order (one branch without a Split)
 * @param head the nodes after the trunk (from {@code Flatten} on), with {@code headInitializers}
 */
record FoldedGraph(List<List<ConvBlock>> branches, List<OnnxMl.NodeProto> head,
                   List<OnnxMl.TensorProto> headInitializers, OnnxMl.ValueInfoProto input, OnnxMl.ValueInfoProto output) {

    /**
     * One block: a 3x3 convolution with the batch norm folded in, then ReLU and 2x2 max-pool
     * (written max-pool then ReLU by the export: the same function, as max and ReLU commute).
     *
     * @param dims the weight's {@code [out, in / group, 3, 3]}
     */
    record ConvBlock(String name, float[] weight, long[] dims, float[] bias, long group, List<Long> strides) {
        int outChannels() {
            return (int) dims[0];
        }

        /** Weights per output channel. */
        int fanIn() {
            return weight.length / outChannels();
        }
    }

    static FoldedGraph of(OnnxMl.GraphProto g) {
        Map<String, OnnxMl.TensorProto> init = new HashMap<>();
        g.getInitializerList().forEach(t -> init.put(t.getName(), t));
        List<OnnxMl.NodeProto> nodes = g.getNodeList();
        List<List<ConvBlock>> branches = new ArrayList<>();
        int[] k = {0};
        if (!nodes.isEmpty() && nodes.get(0).getOpType().equals("Split")) {
            k[0] = 1;
            for (int b = 0; b < nodes.get(0).getOutputCount(); b++) {
                branches.add(chain(nodes, k, init));
            }
            expect(nodes, k[0]++, "Concat");
        } else {
            branches.add(chain(nodes, k, init));
        }
        List<OnnxMl.NodeProto> head = nodes.subList(k[0], nodes.size());
        Set<String> used = head.stream().flatMap(n -> n.getInputList().stream()).collect(Collectors.toSet());
        List<OnnxMl.TensorProto> headInit = g.getInitializerList().stream().filter(t -> used.contains(t.getName())).toList();
        return new FoldedGraph(List.copyOf(branches), List.copyOf(head), headInit, g.getInput(0), g.getOutput(0));
    }

    /** Every block of every branch, branch by branch. */
    List<ConvBlock> blocks() {
        return branches.stream().flatMap(List::stream).toList();
    }

    /** The conv blocks from node {@code k[0]} to the GlobalAveragePool that ends them (k[0] moves past it). */
    private static List<ConvBlock> chain(List<OnnxMl.NodeProto> nodes, int[] k, Map<String, OnnxMl.TensorProto> init) {
        List<ConvBlock> blocks = new ArrayList<>();
        while (k[0] < nodes.size() && nodes.get(k[0]).getOpType().equals("Conv")) {
            expect(nodes, k[0] + 1, "BatchNormalization");
            expect(nodes, k[0] + 2, "MaxPool");
            expect(nodes, k[0] + 3, "Relu");
            blocks.add(fold(nodes.get(k[0]), nodes.get(k[0] + 1), init));
            k[0] += 4;
        }
        if (blocks.isEmpty() || k[0] >= nodes.size() || !nodes.get(k[0]).getOpType().equals("GlobalAveragePool")) {
            throw new IllegalStateException("not a triax classifier graph: expected conv blocks, then GlobalAveragePool");
        }
        k[0]++;
        return List.copyOf(blocks);
    }

    private static void expect(List<OnnxMl.NodeProto> nodes, int k, String op) {
        if (k >= nodes.size() || !nodes.get(k).getOpType().equals(op)) {
            throw new IllegalStateException("not a triax classifier graph: expected " + op + " at node " + k);
        }
    }

    private static ConvBlock fold(OnnxMl.NodeProto conv, OnnxMl.NodeProto bn, Map<String, OnnxMl.TensorProto> init) {
        OnnxMl.TensorProto w = init.get(conv.getInput(1));
        float[] weight = OnnxProtos.floatValues(w);
        long[] dims = w.getDimsList().stream().mapToLong(Long::longValue).toArray();
        int out = (int) dims[0];
        int fan = weight.length / out;
        float[] bias = conv.getInputCount() > 2 ? OnnxProtos.floatValues(init.get(conv.getInput(2))) : new float[out];
        float[] gamma = OnnxProtos.floatValues(init.get(bn.getInput(1)));
        float[] beta = OnnxProtos.floatValues(init.get(bn.getInput(2)));
        float[] mean = OnnxProtos.floatValues(init.get(bn.getInput(3)));
        float[] var = OnnxProtos.floatValues(init.get(bn.getInput(4)));
        double eps = bn.getAttributeList().stream().filter(a -> a.getName().equals("epsilon")).findFirst()
                .map(a -> (double) a.getF()).orElse(1e-5);
        float[] w2 = new float[weight.length];
        float[] b2 = new float[out];
        for (int o = 0; o < out; o++) {
            double f = gamma[o] / Math.sqrt(var[o] + eps);
            for (int i = o * fan; i < (o + 1) * fan; i++) {
                w2[i] = (float) (weight[i] * f);
            }
            b2[o] = (float) ((bias[o] - mean[o]) * f + beta[o]);
        }
        long group = 1;
        List<Long> strides = List.of(1L, 1L);
        for (OnnxMl.AttributeProto a : conv.getAttributeList()) {
            if (a.getName().equals("group")) {
                group = a.getI();
            } else if (a.getName().equals("strides")) {
                strides = a.getIntsList();
            }
        }
        String name = conv.getName().endsWith(".conv") ? conv.getName().substring(0, conv.getName().length() - 5) : conv.getName();
        return new ConvBlock(name, w2, dims, b2, group, strides);
    }
}
