package org.triax.cli;

import java.nio.file.Path;
import org.triax.predict.InferenceEngine;
import picocli.CommandLine.Option;

/** Which model scores recordings, on which engine, reading which variable; shared by predict and evaluate. */
final class ScoringOptions {
    @Option(names = "--model", required = true, paramLabel = "FILE", description = "a .triax model file, or a .onnx file exported by triax")
    Path model;

    @Option(names = "--engine", paramLabel = "ENGINE", description = "onnx (ONNX Runtime: the .onnx beside a .triax model, "
            + "else an export in memory) or djl (default ${DEFAULT-VALUE})")
    String engine = "onnx";

    @Option(names = "--variable", paramLabel = "NAME", description = "MAT variable or HDF5 dataset to read")
    String variable;

    InferenceEngine engine() {
        return InferenceEngine.parse(engine);
    }
}
