package org.triax.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.artifact.EpochStats;
import org.triax.artifact.ModelArtifact;
import org.triax.artifact.TrainConfig;
import org.triax.dataset.DataOptions;
import org.triax.model.Design;
import org.triax.testing.TinyData;

/**
 * A listener that throws {@link TrainingCancelledException} stops the run between batches: the
 * design in training leaves no file at all (no model, companion, reservation or temporary file),
 * and a design finished before it stays complete.
 */
class TrainCancellationTest {
    @TempDir
    static Path shared;
    static DataOptions data;

    @BeforeAll
    static void tinyDataset() {
        Path root = TinyData.dataset(shared.resolve("data"), 3, 3, TinyData.Layout.HEADER_WITH_TIME, 3);
        data = TinyData.quickOptions(root, 7);
    }

    /** Cancels at batch {@code batch} of epoch {@code epoch} of the {@code design}-th design (0-based). */
    private static TrainingListener cancelAt(int design, int epoch, int batch, int epochs) {
        return new TrainingListener() {
            int epochsSeen;

            @Override
            public void batch(int e, int of, int b, int batches, double loss) {
                if (epochsSeen / epochs == design && e == epoch && b == batch) {
                    throw new TrainingCancelledException("cancelled by the test");
                }
            }

            @Override
            public void epoch(EpochStats s, int of, boolean best) {
                epochsSeen++;
            }
        };
    }

    private static List<Path> everyFile(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void aRunCancelledMidEpochLeavesNoFile(@TempDir Path out) throws IOException {
        TrainConfig cfg = new TrainConfig(2, 8, 1e-3f, 7, false);
        TrainingCancelledException e = assertThrows(TrainingCancelledException.class, () -> TrainJob.run(data,
                List.of(Design.FUSED), cfg, out, cancelAt(0, 2, 2, 2), new PrintStream(OutputStream.nullOutputStream())));
        assertEquals("cancelled by the test", e.getMessage());
        assertEquals(List.of(), everyFile(out));
    }

    @Test
    void aDesignFinishedBeforeTheCancelStaysComplete(@TempDir Path out) throws IOException {
        TrainConfig cfg = new TrainConfig(1, 8, 1e-3f, 7, false);
        assertThrows(TrainingCancelledException.class, () -> TrainJob.run(data, List.of(Design.FUSED, Design.SEPARATE),
                cfg, out, cancelAt(1, 1, 1, 1), new PrintStream(OutputStream.nullOutputStream())));
        List<Path> models = TinyData.filesEndingWith(out, ".triax");
        assertEquals(1, models.size(), "the fused model only: " + everyFile(out));
        assertEquals(Design.FUSED, ModelArtifact.load(models.get(0)).metadata().network().design());
        // its companions, nothing else: no reservation or temporary file of the cancelled design
        assertEquals(5, everyFile(out).size(), everyFile(out).toString());
        assertTrue(everyFile(out).stream().noneMatch(p -> p.getFileName().toString().startsWith(".")));
    }
}
