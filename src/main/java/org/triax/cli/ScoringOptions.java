package org.triax.cli;

import java.nio.file.Path;
import java.util.List;
import org.triax.dataset.DatasetProperties;
import org.triax.predict.InferenceEngine;
import picocli.CommandLine.Option;

/** Which model scores recordings, on which engine, reading which variable and channels; shared by predict and evaluate. */
final class ScoringOptions {
    @Option(names = "--model", required = true, paramLabel = "FILE", description = "a .triax model file, or a .onnx file exported by triax")
    Path model;

    @Option(names = "--engine", paramLabel = "ENGINE", description = "onnx (ONNX Runtime: the .onnx beside a .triax model, "
            + "else an export in memory) or djl (default ${DEFAULT-VALUE})")
    String engine = "onnx";

    @Option(names = "--variable", paramLabel = "NAME", description = "MAT variable or HDF5 dataset to read "
            + "(default: the one the model was trained on, else automatic)")
    String variable;

    @Option(names = "--channels", paramLabel = "A,B,..", description = "recording channels to feed as the model's channels, "
            + "in the model's order (when names differ)")
    String channels;

    List<String> sourceChannels() {
        return DatasetProperties.parseList(channels);
    }

    InferenceEngine engine() {
        return InferenceEngine.parse(engine);
    }
}
