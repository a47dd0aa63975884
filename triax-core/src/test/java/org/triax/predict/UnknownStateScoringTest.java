package org.triax.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.artifact.ModelArtifact;
import org.triax.artifact.TrainConfig;
import org.triax.artifact.UnknownState;
import org.triax.dataset.DataOptions;
import org.triax.dataset.DemoDataset;
import org.triax.model.Design;
import org.triax.onnx.OnnxExport;
import org.triax.signal.RecordingReaders;
import org.triax.train.TrainJob;
import org.triax.train.TrainingListener;

/**
 * A classifier trained on the demo dataset without its bearing-fault class: recordings of that
 * class are reported unknown (with the reason), recordings of the trained classes are not, on
 * DJL and on the ONNX export alike.
 */
class UnknownStateScoringTest {
    @TempDir
    static Path dir;
    static Path model;
    static Path heldOut;
    static String log;

    @BeforeAll
    static void trainWithoutOneClass() throws IOException {
        Path data = DemoDataset.generate(dir.resolve("demo"), DemoDataset.SEED);
        heldOut = Files.move(data.resolve("bearing_outer_race"), dir.resolve("held-out"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model = TrainJob.run(DataOptions.defaults(data), List.of(Design.FUSED), new TrainConfig(1, 32, 1e-3f, 42, false),
                dir.resolve("models"), TrainingListener.SILENT, new PrintStream(out)).get(0).modelFile();
        log = out.toString();
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).filter(RecordingReaders::isRecording).sorted().toList();
        }
    }

    @Test
    void theModelCarriesTheCheckAndItsTestFigure() {
        UnknownState u = ModelArtifact.load(model).metadata().unknownState();
        assertNotNull(u);
        assertEquals(List.of("healthy", "imbalance", "misalignment"), u.classes().stream().map(UnknownState.ClassCloud::label).toList());
        assertEquals(3 * 12, u.features().size());
        assertTrue(u.testRecordings() > 0);
        assertEquals(0, u.testUnknown(), log);
        assertTrue(log.contains("test recordings called unknown: 0 of " + u.testRecordings()), log);
    }

    @Test
    void aClassNeverTrainedOnIsUnknownAndTheTrainedOnesAreNot() throws IOException {
        for (Path m : List.of(model, OnnxExport.defaultPath(model))) {
            try (RecordingScorer s = new RecordingScorer(m, InferenceEngine.ONNX, List.of(), null)) {
                for (Path f : files(heldOut)) {
                    Verdict v = s.score(f);
                    assertEquals(UnknownState.UNKNOWN, v.predicted(), m + " " + f);
                    assertTrue(v.unknownState().reason().contains("kurtosis"), v.unknownState().reason());
                }
                for (Path f : files(dir.resolve("demo"))) {
                    Verdict v = s.score(f);
                    assertFalse(v.unknown(), f + ": " + v.unknownState());
                    assertTrue(v.unknownState().share() <= 0.5, v.unknownState().toString());
                }
            }
        }
    }

    @Test
    void withoutTheCheckTheNetworkNamesOneOfItsClassesAndTheOutputsSayWhy() throws IOException {
        Path f = files(heldOut).get(0);
        try (RecordingScorer s = new RecordingScorer(model, InferenceEngine.ONNX, List.of(), null)) {
            Verdict checked = s.score(f);
            String csv = VerdictFormat.CSV.format(List.of(checked));
            assertTrue(csv.lines().findFirst().orElseThrow().endsWith(",unknown_share,unknown_distance,unknown_reason,error"), csv);
            assertTrue(csv.contains(",unknown,") && csv.contains("\"unlike every training class"), csv);
            assertTrue(VerdictFormat.TABLE.format(List.of(checked)).contains("unlike every training class"));
            assertTrue(VerdictFormat.JSON.format(List.of(checked)).contains("\"reason\""));
            Verdict plain = s.withoutUnknownState().score(f);
            assertNotEquals(UnknownState.UNKNOWN, plain.predicted());
            assertTrue(List.of("healthy", "imbalance", "misalignment").contains(plain.predicted()));
            assertEquals(checked.probability(), plain.probability(), 0);
        }
    }

    @Test
    void evaluateCountsUnknownsAmongKnownAndUnseenClassesAndKeepsTheUnseenOutOfTheMetrics() throws IOException {
        Path mixed = dir.resolve("mixed");
        for (Path f : files(dir.resolve("demo"))) {
            Path to = mixed.resolve(dir.resolve("demo").relativize(f));
            Files.createDirectories(to.getParent());
            Files.copy(f, to);
        }
        Files.createDirectories(mixed.resolve("bearing_outer_race"));
        for (Path f : files(heldOut)) {
            Files.copy(f, mixed.resolve("bearing_outer_race").resolve(f.getFileName()));
        }
        Evaluation.Report r = Evaluation.run(model, mixed, false, null, InferenceEngine.ONNX);
        Evaluation.UnknownStateFigures u = r.unknownState();
        assertEquals(List.of("bearing_outer_race"), u.unseenClasses());
        assertEquals(8, u.unseen());
        assertEquals(8, u.unseenCalledUnknown());
        assertEquals(24, u.known());
        assertEquals(0, u.knownCalledUnknown());
        assertEquals(24, r.recordings()); // the unseen class is not in the accuracy
        // on its own saved test set: the figure train printed
        Evaluation.UnknownStateFigures own = Evaluation.run(model, dir.resolve("demo"), false, null,
                InferenceEngine.ONNX).unknownState();
        assertEquals(ModelArtifact.load(model).metadata().unknownState().testRecordings(), own.known());
        assertEquals(0, own.knownCalledUnknown());
    }
}
