package org.triax.cli;

import ai.onnx.proto.OnnxMl;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.triax.artifact.ModelKind;
import org.triax.health.AnomalyOnnx;
import org.triax.onnx.OnnxExport;
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
            + "same folder); never overwritten")
    Path out;

    @Override
    public Integer call() {
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

    private static String shape(OnnxMl.ValueInfoProto v) {
        return v.getType().getTensorType().getShape().getDimList().stream()
                .map(d -> d.hasDimParam() ? d.getDimParam() : Long.toString(d.getDimValue()))
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }
}
