package org.triax.cli;

import ai.onnx.proto.OnnxMl;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.triax.TriaxException;
import org.triax.artifact.ModelKind;
import org.triax.health.AnomalyOnnx;
import org.triax.onnx.Int8Export;
import org.triax.onnx.OnnxExport;
import org.triax.onnx.Precision;
import org.triax.predict.Int8Calibration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code triax export}: the portable ONNX form of a model file. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a .triax model to ONNX (opset 17; input 'spectrogram' [batch, C, bins, frames], output "
                + "'probabilities' [batch, classes]) with the preprocessing contract in its metadata properties. An anomaly "
                + "model (triax baseline) exports its autoencoder: output 'score' [batch] and 'reconstruction'.")
final class ExportCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "a .triax model file")
    Path model;

    @Option(names = "--out", paramLabel = "FILE.onnx", description = "where to write it (default: the model's name with .onnx, "
            + "or .int8.onnx, same folder); never overwritten")
    Path out;

    @Option(names = "--precision", paramLabel = "P", description = "fp32, or int8: int8 weights and activations, "
            + "calibrated on " + Int8Calibration.WINDOWS + " of the model's training windows (default ${DEFAULT-VALUE})")
    String precision = "fp32";

    @Option(names = "--data", paramLabel = "DIR", description = "int8: the training folder to calibrate on (default: the "
            + "one the model was trained on)")
    Path data;

    @Override
    public Integer call() {
        Precision p = Precision.parse(precision);
        if (p == Precision.INT8) {
            return int8();
        }
        Path target = out != null ? out : OnnxExport.defaultPath(model);
        if (ModelKind.isAnomalyModel(model)) {
            AnomalyOnnx.exportFile(model, target);
            System.out.printf("wrote %s: the anomaly model's autoencoder, ONNX opset %d, input %s, outputs score and "
                    + "reconstruction%n", target, OnnxExport.OPSET, OnnxExport.INPUT);
            return 0;
        }
        OnnxMl.ModelProto m = OnnxExport.exportFile(model, target);
        OnnxMl.GraphProto g = m.getGraph();
        System.out.printf("wrote %s: ONNX opset %d, %d nodes, input %s %s, output %s %s%n", target, OnnxExport.OPSET,
                g.getNodeCount(), OnnxExport.INPUT, shape(g.getInput(0)), OnnxExport.OUTPUT, shape(g.getOutput(0)));
        return 0;
    }

    private int int8() {
        if (ModelKind.isAnomalyModel(model)) {
            throw new TriaxException(model + " is an anomaly model: --precision int8 exports classifiers only");
        }
        Path target = out != null ? out : Int8Export.defaultPath(model);
        Int8Calibration.Result r = Int8Calibration.exportFile(model, data, target, Int8Export.Form.QDQ);
        System.out.printf("wrote %s: int8 (QDQ, batch norm folded, weights per output channel), ONNX opset %d, calibrated on "
                + "%d of the %d training windows of %s%n", target, OnnxExport.OPSET, r.windows(), r.trainWindows(), r.data());
        return 0;
    }

    private static String shape(OnnxMl.ValueInfoProto v) {
        return v.getType().getTensorType().getShape().getDimList().stream()
                .map(d -> d.hasDimParam() ? d.getDimParam() : Long.toString(d.getDimValue()))
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }
}
