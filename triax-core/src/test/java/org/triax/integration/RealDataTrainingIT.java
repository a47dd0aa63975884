package org.triax.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.artifact.TrainConfig;
import org.triax.dataset.DataOptions;
import org.triax.dataset.SplitProtocol;
import org.triax.model.Design;
import org.triax.train.TrainJob;
import org.triax.train.TrainingListener;

/**
 * Both designs trained for a few epochs on the real Kafeel tri-axial motor dataset
 * ({@code ../shared/data}, passed by surefire as {@code triax.shared.data}); skipped when absent.
 */
class RealDataTrainingIT {

    static Path dataset(String name) {
        Path p = Path.of(System.getProperty("triax.shared.data", "../../shared/data")).resolve(name);
        Assumptions.assumeTrue(Files.isDirectory(p), "dataset not present: " + p);
        return p;
    }

    @Test
    void bothDesignsLearnKafeelNormalVsFaultyWellAboveChance(@TempDir Path out) {
        Path data = dataset("kafeel-motor-triaxial");
        DataOptions opts = DataOptions.defaults(data);
        opts = new DataOptions(data, List.of(), 1000, null, opts.window(), opts.stft(), SplitProtocol.AUTO,
                opts.fractions(), 7);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<TrainJob.Outcome> outcomes = TrainJob.run(opts, List.of(Design.SEPARATE, Design.FUSED),
                new TrainConfig(3, 32, 1e-3f, 7, false), out, TrainingListener.SILENT, new PrintStream(log));
        String text = log.toString();
        assertTrue(text.contains("split: by-recording"), text); // 103/117 recordings: split by file
        assertEquals(2, outcomes.size());
        for (TrainJob.Outcome o : outcomes) {
            // two balanced classes: chance is ~50 %
            assertTrue(o.test().accuracy() > 0.85, o.design() + " test accuracy " + o.test().accuracy());
            assertTrue(o.validation().accuracy() > 0.85, o.design() + " validation accuracy " + o.validation().accuracy());
            assertTrue(Files.isRegularFile(o.modelFile()));
        }
    }
}
