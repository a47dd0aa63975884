package org.triax.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.TriaxException;
import org.triax.cli.TriaxCli;
import org.triax.model.Design;
import org.triax.model.TriaxNetwork;
import org.triax.predict.InferenceEngine;
import org.triax.predict.RecordingScorer;
import org.triax.predict.ScoringModel;
import org.triax.signal.Recording;

class OnnxErrorsTest {

    @TempDir
    Path dir;
    Path triax;

    @BeforeEach
    void model() throws Exception {
        try (TriaxNetwork net = TestModels.network(Design.FUSED, 31)) {
            triax = TestModels.saveTriax(net, dir, "model");
        }
    }

    @Test
    void textFileIsNotAnOnnxModel() throws Exception {
        Path fake = dir.resolve("fake.onnx");
        Files.writeString(fake, "this is not a model\n");
        TriaxException e = assertThrows(TriaxException.class, () -> OnnxNetwork.open(fake));
        assertTrue(e.getMessage().startsWith(fake + ": not an ONNX model"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        String err = cliError("predict", "--model", fake.toString(), csv().toString());
        assertTrue(err.startsWith("triax: error: " + fake + ": not an ONNX model"), err);
        TriaxException missing = assertThrows(TriaxException.class, () -> OnnxNetwork.open(dir.resolve("none.onnx")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }

    @Test
    void onnxModelWithoutTriaxMetadataIsRefused() throws Exception {
        OnnxMl.GraphProto graph = OnnxMl.GraphProto.newBuilder().setName("identity")
                .addNode(OnnxMl.NodeProto.newBuilder().setOpType("Identity").addInput("x").addOutput("y"))
                .addInput(OnnxExport.valueInfo("x", dim(2)))
                .addOutput(OnnxExport.valueInfo("y", dim(2))).build();
        OnnxMl.ModelProto model = OnnxMl.ModelProto.newBuilder().setIrVersion(8).setProducerName("someone")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setVersion(17)).setGraph(graph).build();
        Path file = dir.resolve("identity.onnx");
        Files.write(file, model.toByteArray());
        try (OrtSession s = OrtEnvironment.getEnvironment().createSession(file.toString())) {
            assertEquals(List.of("x"), List.copyOf(s.getInputNames())); // a valid ONNX model for ONNX Runtime
        }
        TriaxException e = assertThrows(TriaxException.class, () -> OnnxNetwork.open(file));
        assertEquals(file + ": an ONNX model, but not one exported by triax (no triax.format_version metadata "
                + "property; produced by 'someone')", e.getMessage());
    }

    @Test
    void newerFormatVersionIsRefused() throws Exception {
        OnnxMl.ModelProto.Builder m;
        try (TriaxNetwork net = TestModels.network(Design.SEPARATE, 4)) {
            m = OnnxExport.export(net, TestModels.metadata(net.spec())).toBuilder();
        }
        for (int i = 0; i < m.getMetadataPropsCount(); i++) {
            if (m.getMetadataProps(i).getKey().equals(OnnxExport.KEY_FORMAT_VERSION)) {
                m.setMetadataProps(i, m.getMetadataProps(i).toBuilder()
                        .setValue(String.valueOf(OnnxExport.FORMAT_VERSION + 1)));
            }
        }
        Path file = dir.resolve("future.onnx");
        Files.write(file, m.build().toByteArray());
        TriaxException e = assertThrows(TriaxException.class, () -> OnnxNetwork.open(file));
        assertEquals(file + ": triax ONNX format version " + (OnnxExport.FORMAT_VERSION + 1) + " is newer than this triax "
                + "reads (" + OnnxExport.FORMAT_VERSION + "); upgrade triax", e.getMessage());
    }

    @Test
    void recordingWithTooFewChannelsIsRefused() {
        double[][] two = {TestModels.recording(600, 1)[0], TestModels.recording(600, 1)[1]};
        for (InferenceEngine engine : InferenceEngine.values()) {
            try (RecordingScorer s = new RecordingScorer(triax, engine, List.of(), null)) {
                TriaxException e = assertThrows(TriaxException.class,
                        () -> s.score(new Recording("two.csv", List.of("X", "Y"), 1000, two)));
                assertEquals("two.csv: no channel 'Z' (channels: X, Y); the recording has 2 channel(s), the model "
                        + "takes 3 (X, Y, Z)", e.getMessage());
            }
        }
    }

    @Test
    void exportNeverOverwritesAnExistingFile() throws Exception {
        Path existing = dir.resolve("model.onnx"); // the default output name
        Files.writeString(existing, "keep me");
        String err = cliError("export", "--model", triax.toString());
        assertEquals("triax: error: " + existing + " already exists; not overwriting it", err.strip());
        assertEquals("keep me", Files.readString(existing));
        Path other = dir.resolve("other.onnx");
        Files.writeString(other, "keep me too");
        cliError("export", "--model", triax.toString(), "--out", other.toString());
        assertEquals("keep me too", Files.readString(other));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.filter(f -> f.getFileName().toString().endsWith(".tmp")).count());
        }
    }

    @Test
    void engineChoiceAndTheOnnxBesideTheModel() throws Exception {
        // no .onnx beside: exported in memory
        try (ScoringModel m = ScoringModel.open(triax, InferenceEngine.ONNX)) {
            assertTrue(m.source().contains("exported in memory"), m.source());
        }
        try (ScoringModel m = ScoringModel.open(triax, InferenceEngine.DJL)) {
            assertTrue(m.classifier().engine().startsWith("DJL"), m.classifier().engine());
        }
        Path onnx = dir.resolve("model.onnx");
        assertEquals(0, TriaxCli.execute("export", "--model", triax.toString()));
        try (ScoringModel m = ScoringModel.open(triax, InferenceEngine.ONNX)) {
            assertTrue(m.source().startsWith(onnx + " on ONNX Runtime"), m.source());
        }
        float[] x = TestModels.randomInput(3 * 3 * 16 * 16, 9);
        try (ScoringModel a = ScoringModel.open(onnx, InferenceEngine.ONNX);
                ScoringModel b = ScoringModel.open(triax, InferenceEngine.DJL)) {
            float[][] pa = a.classifier().probabilities(x, 3);
            float[][] pb = b.classifier().probabilities(x, 3);
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(pb[i], pa[i], 1e-5f);
            }
        }
        TriaxException e = assertThrows(TriaxException.class, () -> ScoringModel.open(onnx, InferenceEngine.DJL));
        assertTrue(e.getMessage().contains("--engine djl needs the .triax model file"), e.getMessage());
        assertTrue(cliError("predict", "--engine", "tf", "--model", triax.toString(), csv().toString())
                .contains("unknown --engine 'tf' (expected onnx or djl)"));

        // a .onnx beside the model made from other weights is not used, even with identical metadata
        Files.delete(onnx);
        try (TriaxNetwork other = TestModels.network(Design.FUSED, 99)) {
            OnnxExport.write(OnnxExport.export(other, TestModels.metadata(other.spec())), onnx);
        }
        try (ScoringModel m = ScoringModel.open(triax, InferenceEngine.ONNX)) {
            assertTrue(m.source().contains("exported in memory"), m.source());
        }
    }

    private Path csv() throws Exception {
        Path f = dir.resolve("rec.csv");
        if (!Files.exists(f)) {
            double[][] x = TestModels.recording(300, 2);
            StringBuilder sb = new StringBuilder("X,Y,Z\n");
            for (int i = 0; i < x[0].length; i++) {
                sb.append(x[0][i]).append(',').append(x[1][i]).append(',').append(x[2][i]).append('\n');
            }
            Files.writeString(f, sb);
        }
        return f;
    }

    /** Runs a command that must fail with exit status 2; returns its stderr. */
    private static String cliError(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = TriaxCli.execute(args);
        } finally {
            System.setErr(old);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, status, text);
        return text;
    }

    private static OnnxMl.TensorShapeProto.Dimension dim(long v) {
        return OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(v).build();
    }
}
