package org.triax.cli;

import java.nio.file.Path;
import java.util.List;
import org.triax.dataset.DatasetProperties;
import org.triax.onnx.Precision;
import org.triax.predict.InferenceEngine;
import org.triax.signal.ReadNotes;
import org.triax.signal.ReadOptions;
import picocli.CommandLine.Option;

/** Which model scores recordings, on which engine, reading them how (variable, channels, rate); shared by predict and evaluate. */
final class ScoringOptions {
    @Option(names = "--model", required = true, paramLabel = "FILE", description = "a .triax model file, or a .onnx file exported by triax")
    Path model;

    @Option(names = "--engine", paramLabel = "ENGINE", description = "onnx (ONNX Runtime: the .onnx beside a .triax model, "
            + "else an export in memory) or djl (default ${DEFAULT-VALUE})")
    String engine = "onnx";

    @Option(names = "--precision", paramLabel = "P", description = "fp32, or int8: the int8 model beside a .triax "
            + "(triax export --precision int8; ONNX Runtime only) (default ${DEFAULT-VALUE})")
    String precision = "fp32";

    @Option(names = "--variable", paramLabel = "NAME", description = "MAT variable (a struct field by dotted path: bearing.gs) "
            + "or HDF5 dataset to read (default: the one the model was trained on, else automatic)")
    String variable;

    @Option(names = "--channels", paramLabel = "A,B,..", description = "recording channels to feed as the model's channels, "
            + "in the model's order (when names differ)")
    String channels;

    @Option(names = "--fs", paramLabel = "HZ", description = "sampling rate of recordings that do not state one (default: the model's)")
    Double fs;

    @Option(names = "--resample", paramLabel = "HZ", description = "resample recordings at another rate to this one, the model's rate")
    Double resample;

    List<String> sourceChannels() {
        return DatasetProperties.parseList(channels);
    }

    InferenceEngine engine() {
        return InferenceEngine.parse(engine);
    }

    Precision precision() {
        return Precision.parse(precision);
    }

    /** How to read the recordings: --fs, --variable, notes to {@code notes}. */
    ReadOptions read(ReadNotes notes) {
        return new ReadOptions(fs == null ? Double.NaN : DataOptionsMixin.checkFs(fs), variable, List.of(), notes);
    }

    /** --resample in Hz, NaN when not given. */
    double resample() {
        return resample == null ? Double.NaN : DataOptionsMixin.checkResample(resample);
    }
}
