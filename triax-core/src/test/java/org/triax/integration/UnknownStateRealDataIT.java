package org.triax.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.artifact.TrainConfig;
import org.triax.artifact.UnknownState;
import org.triax.dataset.DataOptions;
import org.triax.model.Design;
import org.triax.predict.InferenceEngine;
import org.triax.predict.RecordingScorer;
import org.triax.predict.Verdict;
import org.triax.train.TrainJob;
import org.triax.train.TrainingListener;

/**
 * CWRU-48k: a classifier of normal and the three 0.007" faults meets the 0.014" and 0.021" faults
 * it never saw. The network alone calls most of them a trained class with high confidence; the
 * unknown-state check reports every one unknown and none of the trained classes.
 */
class UnknownStateRealDataIT {
    private static final List<String> TRAINED = List.of("normal", "B007", "IR007", "OR007@6");

    @Test
    void unseenFaultSizesAreUnknownAndTrainedClassesAreNamed(@TempDir Path dir) throws IOException {
        Path cwru = RealDataTrainingIT.dataset("cwru-48k-10class");
        Path data = dir.resolve("cwru-4");
        for (String c : TRAINED) {
            Files.createDirectories(data.resolve(c));
            try (Stream<Path> files = Files.list(cwru.resolve(c))) {
                for (Path f : files.toList()) {
                    Files.copy(f, data.resolve(c).resolve(f.getFileName()));
                }
            }
        }
        DataOptions d = DataOptions.defaults(data);
        DataOptions opts = new DataOptions(data, List.of(), 48000, null, d.window(), d.stft(), d.protocol(), d.fractions(),
                42).withSizesFromData(EnumSet.allOf(DataOptions.Size.class)); // as the CLI does
        Path model = TrainJob.run(opts, List.of(Design.FUSED), new TrainConfig(2, 32, 1e-3f, 42, false),
                dir.resolve("models"), TrainingListener.SILENT, new PrintStream(new ByteArrayOutputStream()))
                .get(0).modelFile();
        try (RecordingScorer s = new RecordingScorer(model, InferenceEngine.ONNX, List.of(), null);
             Stream<Path> classes = Files.list(cwru)) {
            int unseen = 0;
            for (Path c : classes.filter(Files::isDirectory).sorted().toList()) {
                String name = c.getFileName().toString();
                try (Stream<Path> files = Files.list(c)) {
                    for (Path f : files.toList()) {
                        Verdict v = s.score(f);
                        if (TRAINED.contains(name)) {
                            assertEquals(name, v.predicted(), f + ": " + v.unknownState());
                        } else {
                            unseen++;
                            assertEquals(UnknownState.UNKNOWN, v.predicted(), f + " scored " + v.unknownState());
                        }
                    }
                }
            }
            assertEquals(6, unseen);
        }
    }
}
