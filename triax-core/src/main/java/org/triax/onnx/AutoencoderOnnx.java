package org.triax.onnx;

import static org.triax.onnx.OnnxProtos.dim;
import static org.triax.onnx.OnnxProtos.ints;
import static org.triax.onnx.OnnxProtos.text;

import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.onnx.proto.OnnxMl;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.triax.artifact.AnomalyModelMetadata;
import org.triax.artifact.ModelArtifact;
import org.triax.artifact.ModelKind;
import org.triax.dataset.Normalization;
import org.triax.model.Autoencoder;
import org.triax.model.AutoencoderSpec;
import org.triax.signal.Preprocessing;

/**
 * The ONNX form of an anomaly model's {@link Autoencoder} (opset 17, IR 8), runnable by any ONNX
 * runtime without triax: input {@code spectrogram} float32 {@code [batch, C, bins, frames]} (the
 * normalised dB spectrograms, as for the classifiers), outputs {@code score} {@code [batch]} (mean
 * squared reconstruction error, the detector's window score) and {@code reconstruction}
 * {@code [batch, C, croppedBins, croppedFrames]}. Graph: {@code Slice} (the crop), per encoder
 * width {@code Conv} 3x3 pad 1, {@code Relu}, {@code MaxPool} 2x2; {@code Conv} to the code,
 * {@code Relu}; per decoder width {@code Conv}, {@code Relu}, {@code Resize} (nearest, x2); the last
 * {@code Conv}; then {@code Sub}, {@code Mul}, {@code ReduceMean}. The metadata properties hold the
 * preprocessing under the classifier export's keys, the threshold and the whole anomaly-model
 * metadata ({@code triax.metadata_json}), so that a classifier loader refuses it by its kind.
 */
public final class AutoencoderOnnx {
    public static final String SCORE = "score";
    public static final String RECONSTRUCTION = "reconstruction";

    private AutoencoderOnnx() {
    }

    /** The export with its metadata properties (what {@code baseline} writes beside the model). */
    public static OnnxMl.ModelProto export(Autoencoder net, Normalization norm, AnomalyModelMetadata meta, double threshold,
                                           String weightsSha256) {
        OnnxMl.ModelProto.Builder model = bare(net).toBuilder();
        properties(meta.preprocessing(), norm, meta, threshold, weightsSha256).forEach((k, v) -> model.addMetadataProps(
                OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return model.build();
    }

    /** The graph alone, no properties: what triax itself runs to score windows. */
    public static OnnxMl.ModelProto bare(Autoencoder net) {
        return OnnxMl.ModelProto.newBuilder()
                .setIrVersion(OnnxExport.IR_VERSION)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OnnxExport.OPSET))
                .setProducerName("triax")
                .setProducerVersion(ModelArtifact.triaxVersion())
                .setModelVersion(OnnxExport.FORMAT_VERSION)
                .setDocString("triax anomaly model, autoencoder detector: " + OnnxExport.INPUT + " [batch, channels, bins, "
                        + "frames] (normalised dB spectrograms) -> " + SCORE + " [batch] (mean squared reconstruction error; "
                        + "above triax.threshold: anomalous) and " + RECONSTRUCTION)
                .setGraph(graph(net)).build();
    }

    static OnnxMl.GraphProto graph(Autoencoder net) {
        AutoencoderSpec spec = net.spec();
        if (!(net.model().getBlock() instanceof SequentialBlock root)) {
            throw new IllegalStateException("the autoencoder is not a sequential block");
        }
        List<Conv2d> convs = new ArrayList<>();
        for (Block b : root.getChildren().values()) {
            if (b instanceof Conv2d c) {
                convs.add(c);
            } else if (!(b instanceof LambdaBlock)) {
                throw new IllegalStateException("the autoencoder holds a " + b.getClass().getSimpleName()
                        + " where the export expects a convolution or a parameter-free step");
            }
        }
        int layers = spec.widths().size();
        if (convs.size() != 2 * layers + 2) {
            throw new IllegalStateException("the autoencoder has " + convs.size() + " convolutions, expected " + (2 * layers + 2));
        }
        GraphBuilder g = new GraphBuilder();
        String x = g.node("Slice", "crop", List.of(OnnxExport.INPUT, g.ints64("crop.starts", 0, 0),
                g.ints64("crop.ends", spec.croppedBins(), spec.croppedFrames()), g.ints64("crop.axes", 2, 3)));
        String crop = x;
        int k = 0;
        for (int i = 0; i < layers; i++) {
            x = g.relu(g.conv(convs.get(k++), "encoder" + i, x), "encoder" + i);
            x = g.node("MaxPool", "encoder" + i + ".maxpool", List.of(x), ints("kernel_shape", 2, 2), ints("strides", 2, 2));
        }
        x = g.relu(g.conv(convs.get(k++), "code", x), "code");
        String scales = g.floats("upsample.scales", 1, 1, 2, 2);
        for (int i = layers - 1; i >= 0; i--) {
            x = g.relu(g.conv(convs.get(k++), "decoder" + i, x), "decoder" + i);
            x = g.node("Resize", "decoder" + i + ".upsample", List.of(x, "", scales), text("mode", "nearest"),
                    text("coordinate_transformation_mode", "asymmetric"), text("nearest_mode", "floor"));
        }
        String recon = g.conv(convs.get(k), "output", x);
        g.graph.addNode(OnnxMl.NodeProto.newBuilder().setName(RECONSTRUCTION).setOpType("Identity").addInput(recon)
                .addOutput(RECONSTRUCTION));
        String diff = g.node("Sub", "error.diff", List.of(RECONSTRUCTION, crop));
        String square = g.node("Mul", "error.square", List.of(diff, diff));
        g.graph.addNode(OnnxMl.NodeProto.newBuilder().setName(SCORE).setOpType("ReduceMean").addInput(square)
                .addOutput(SCORE).addAttribute(ints("axes", 1, 2, 3)).addAttribute(OnnxMl.AttributeProto.newBuilder()
                        .setName("keepdims").setType(OnnxMl.AttributeProto.AttributeType.INT).setI(0)));
        g.graph.setName("triax_autoencoder")
                .addInput(OnnxExport.valueInfo(OnnxExport.INPUT, dim("batch"), dim(spec.channels()), dim(spec.bins()),
                        dim(spec.frames())))
                .addOutput(OnnxExport.valueInfo(SCORE, dim("batch")))
                .addOutput(OnnxExport.valueInfo(RECONSTRUCTION, dim("batch"), dim(spec.channels()), dim(spec.croppedBins()),
                        dim(spec.croppedFrames())));
        return g.graph.build();
    }

    /** The preprocessing under the classifier export's keys, plus what an anomaly score needs. */
    static Map<String, String> properties(Preprocessing pre, Normalization norm, AnomalyModelMetadata meta, double threshold,
                                          String weightsSha256) {
        Map<String, String> p = new LinkedHashMap<>();
        double fs = pre.sampleRate();
        p.put(OnnxExport.KEY_FORMAT_VERSION, Integer.toString(OnnxExport.FORMAT_VERSION));
        p.put(OnnxExport.PREFIX + "kind", ModelKind.ANOMALY_DETECTOR.label());
        p.put(OnnxExport.PREFIX + "detector", "autoencoder");
        p.put(OnnxExport.PREFIX + "threshold", Double.toString(threshold));
        p.put(OnnxExport.PREFIX + "false_alarm", Double.toString(meta.config().falseAlarm()));
        p.put(OnnxExport.PREFIX + "channels", String.join(",", pre.channels()));
        p.put(OnnxExport.PREFIX + "sample_rate_hz", Double.toString(fs));
        p.put(OnnxExport.PREFIX + "window_samples", Integer.toString(pre.window().length()));
        p.put(OnnxExport.PREFIX + "hop_samples", Integer.toString(pre.window().hop()));
        p.put(OnnxExport.PREFIX + "stft_segment", Integer.toString(pre.stft().segment()));
        p.put(OnnxExport.PREFIX + "stft_overlap", Integer.toString(pre.stft().overlap()));
        p.put(OnnxExport.PREFIX + "stft_window", OnnxExport.windowName(pre.stft().window()));
        p.put(OnnxExport.PREFIX + "stft_scaling", OnnxExport.SCALING);
        p.put(OnnxExport.PREFIX + "db_floor", Double.toString(pre.stft().dbFloor()));
        p.put(OnnxExport.PREFIX + "first_bin", Integer.toString(pre.stft().firstBin(fs)));
        p.put(OnnxExport.PREFIX + "bins", Integer.toString(pre.bins()));
        p.put(OnnxExport.PREFIX + "frames", Integer.toString(pre.frames()));
        p.put(OnnxExport.PREFIX + "norm_mean", floats(norm.mean()));
        p.put(OnnxExport.PREFIX + "norm_std", floats(norm.std()));
        p.put(OnnxExport.PREFIX + "recording_score", "median of the window scores; health index = that / triax.threshold");
        try {
            p.put(OnnxExport.METADATA_JSON, ModelArtifact.JSON.writeValueAsString(meta));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the anomaly model metadata", e);
        }
        p.put(OnnxExport.WEIGHTS_SHA256, weightsSha256);
        return p;
    }

    private static String floats(float[] v) {
        return IntStream.range(0, v.length).mapToObj(i -> Float.toString(v[i])).collect(Collectors.joining(","));
    }





    /** Nodes named after their output, and initializers. */
    private static final class GraphBuilder {
        final OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder();

        String node(String op, String name, List<String> inputs, OnnxMl.AttributeProto... attributes) {
            OnnxMl.NodeProto.Builder n = OnnxMl.NodeProto.newBuilder().setName(name).setOpType(op).addAllInput(inputs)
                    .addOutput(name);
            for (OnnxMl.AttributeProto a : attributes) {
                n.addAttribute(a);
            }
            graph.addNode(n);
            return name;
        }

        String conv(Conv2d c, String name, String x) {
            String w = weights(name + ".weight", param(c, "weight"));
            String b = weights(name + ".bias", param(c, "bias"));
            return node("Conv", name + ".conv", List.of(x, w, b), ints("kernel_shape", 3, 3), ints("pads", 1, 1, 1, 1),
                    ints("strides", 1, 1));
        }

        String relu(String x, String name) {
            return node("Relu", name + ".relu", List.of(x));
        }

        String weights(String name, Parameter p) {
            graph.addInitializer(OnnxExport.tensor(name, p.getArray().getShape().getShape(), p.getArray().toFloatArray()));
            return name;
        }

        String ints64(String name, long... values) {
            ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (long v : values) {
                bytes.putLong(v);
            }
            bytes.flip();
            graph.addInitializer(OnnxMl.TensorProto.newBuilder().setName(name)
                    .setDataType(OnnxMl.TensorProto.DataType.INT64.getNumber()).addDims(values.length)
                    .setRawData(com.google.protobuf.ByteString.copyFrom(bytes)));
            return name;
        }

        String floats(String name, float... values) {
            graph.addInitializer(OnnxExport.tensor(name, new long[] {values.length}, values));
            return name;
        }

        private static Parameter param(Block b, String name) {
            Parameter p = b.getParameters().get(name);
            if (p == null || !p.isInitialized()) {
                throw new IllegalStateException("convolution has no initialised parameter '" + name + "'");
            }
            return p;
        }
    }
}
