package org.triax.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.stream.IntStream;
import org.triax.TriaxException;
import org.triax.artifact.AlarmThreshold;
import org.triax.artifact.ModelArtifact;
import org.triax.artifact.ModelMetadata;
import org.triax.artifact.NormalCloud;
import org.triax.artifact.UnknownState;
import org.triax.signal.IndicatorFeatures;
import org.triax.signal.Recording;
import org.triax.signal.RecordingReaders;
import org.triax.model.Design;
import org.triax.model.TriaxNetwork;
import org.triax.onnx.TestModels;
import org.triax.signal.ReadOptions;
import org.triax.testing.TinyData;
import org.triax.testing.TinyData.Layout;

/**
 * A long recording read and scored chunk by chunk gives the verdict the whole-file path gives: the
 * same windows in the same chunks, decided by the same rule (the mean probabilities bit for bit).
 */
class StreamingScoreTest {
    /** 1 999 windows of 60 samples every 30: 8 chunks, the last one partial. */
    static final int SAMPLES = 60_000;

    @TempDir
    static Path dir;
    static Path model;
    static RecordingScorer streaming;
    static RecordingScorer whole;

    @BeforeAll
    static void model() throws IOException {
        try (TriaxNetwork net = TestModels.network(Design.SEPARATE, 5)) {
            model = TestModels.saveTriax(net, dir, "m");
        }
        streaming = scorer(List.of()).streamFilesFrom(0);
        whole = scorer(List.of()).streamFilesFrom(Long.MAX_VALUE);
    }

    static RecordingScorer scorer(List<String> channels) {
        return scorer(model, channels);
    }

    static RecordingScorer scorer(Path m, List<String> channels) {
        return new RecordingScorer(m, InferenceEngine.ONNX, channels, new ReadOptions(Double.NaN, null), Double.NaN);
    }

    @AfterAll
    static void close() {
        streaming.close();
        whole.close();
    }

    static void assertSameVerdict(Verdict expected, Verdict actual) {
        assertEquals(expected.recording(), actual.recording());
        assertEquals(expected.predicted(), actual.predicted());
        assertEquals(expected.windows(), actual.windows());
        assertArrayEquals(expected.meanProbabilities(), actual.meanProbabilities(), 0.0);
        assertArrayEquals(expected.windowShare(), actual.windowShare(), 0.0);
        assertEquals(expected.probability(), actual.probability(), 0.0);
    }

    private static Path csv(String name) {
        return TinyData.recording(dir.resolve(name), 1, 3, SAMPLES, Layout.HEADER_WITH_TIME, 3);
    }

    @Test
    void aLongCsvStreamedGetsTheWholeFileVerdict() {
        Path file = csv("long.csv");
        Verdict v = streaming.score(file);
        assertEquals((SAMPLES - 60) / 30 + 1, v.windows());
        assertTrue(v.windows() > 7 * RecordingScorer.CHUNK, "many chunks");
        assertSameVerdict(whole.score(file), v);
    }

    @Test
    void aLongCsvStreamedGetsTheWholeFilesWindowProbabilities() {
        Path file = csv("windows.csv");
        RecordingScorer.Scored s = streaming.scoreWindows(file);
        RecordingScorer.Scored w = whole.scoreWindows(file);
        assertSameVerdict(w.verdict(), s.verdict());
        assertEquals(w.windows().length, s.windows().length);
        assertTrue(s.windows().length > 7 * RecordingScorer.CHUNK, "many chunks");
        for (int i = 0; i < w.windows().length; i++) {
            assertArrayEquals(w.windows()[i], s.windows()[i], 0f, "window " + i);
        }
    }

    @Test
    void aRecordingArrivingAsAStreamScoresAsItsFile() throws IOException {
        Path file = csv("arriving.csv");
        try (java.io.InputStream in = Files.newInputStream(file)) {
            Verdict v = streaming.score("hdfs://plant/m7/arriving.csv", in);
            assertEquals("hdfs://plant/m7/arriving.csv", v.recording());
            assertSameVerdict(streaming.score(file).named(v.recording()), v);
        }
        TriaxException e = assertThrows(TriaxException.class,
                () -> streaming.score("hdfs://plant/m7/empty.csv", java.io.InputStream.nullInputStream()));
        assertTrue(e.getMessage().startsWith("hdfs://plant/m7/empty.csv: empty file"), e.getMessage());
    }

    @Test
    void gzippedCsvAndWavToo() throws IOException {
        Path plain = csv("plain.csv");
        Path gz = dir.resolve("long.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(plain, out);
        }
        assertSameVerdict(whole.score(gz), streaming.score(gz));

        double[][] x = RecordingReaders.read(plain, ReadOptions.DEFAULT).samples();
        ByteBuffer data = ByteBuffer.allocate(x[0].length * 3 * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < x[0].length; i++) {
            for (double[] channel : x) {
                data.putShort((short) Math.round(8000 * channel[i]));
            }
        }
        Path wav = dir.resolve("long.wav");
        AudioFormat format = new AudioFormat(1000, 16, 3, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(data.array()), format, x[0].length)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, wav.toFile());
        }
        assertSameVerdict(whole.score(wav), streaming.score(wav));
    }

    @Test
    void hopsLongerThanTheWindowSkipTheSamplesBetween() throws IOException {
        Path m;
        try (TriaxNetwork net = TestModels.network(Design.FUSED, 6)) {
            m = TestModels.saveTriax(net, dir, "gaps", new org.triax.signal.Preprocessing(TestModels.PRE.channels(),
                    TestModels.PRE.sampleRate(), new org.triax.signal.WindowSpec(60, 97), TestModels.PRE.stft()));
        }
        Path file = csv("gaps.csv");
        try (RecordingScorer s = scorer(m, List.of()).streamFilesFrom(0);
                RecordingScorer w = scorer(m, List.of()).streamFilesFrom(Long.MAX_VALUE)) {
            Verdict v = s.score(file);
            assertEquals((SAMPLES - 60) / 97 + 1, v.windows());
            assertSameVerdict(w.score(file), v);
        }
    }

    @Test
    void channelsFedUnderOtherNamesStreamAlike() {
        Path file = csv("renamed.csv");
        try (RecordingScorer s = scorer(List.of("Z", "X", "Y")).streamFilesFrom(0);
                RecordingScorer w = scorer(List.of("Z", "X", "Y")).streamFilesFrom(Long.MAX_VALUE)) {
            Verdict v = s.score(file);
            assertSameVerdict(w.score(file), v);
            // and not the verdict of the channels in the model's order: the mapping is applied
            assertTrue(!java.util.Arrays.equals(whole.score(file).meanProbabilities(), v.meanProbabilities()));
        }
    }

    /** The model with an unknown-state check fitted on one recording of class 0, strict enough to call class 1 unknown. */
    static Path checkedModel() throws IOException {
        ModelArtifact plain = ModelArtifact.load(model);
        IndicatorFeatures features = new IndicatorFeatures(TestModels.PRE, 4);
        Recording normal = RecordingReaders.read(TinyData.recording(dir.resolve("class0.csv"), 0, 3, 6000,
                Layout.HEADER_WITH_TIME, 8), ReadOptions.DEFAULT);
        double[][] v = features.vectors(normal, IntStream.range(0, (normal.length() - 60) / 30 + 1).map(i -> i * 30).toArray());
        NormalCloud cloud = NormalCloud.fit(v);
        double[] d = java.util.Arrays.stream(v).mapToDouble(cloud::distance).sorted().toArray();
        AlarmThreshold t = new AlarmThreshold(d[d.length / 2], 0.5, d.length, d.length / 2, d[d.length / 2]);
        UnknownState u = new UnknownState(4, features.names(), 0.5, TestModels.CLASSES.stream()
                .map(c -> new UnknownState.ClassCloud(c, cloud, t)).toList(), 0, 0);
        ModelMetadata m = plain.metadata();
        ModelMetadata checked = new ModelMetadata(m.format(), m.formatVersion(), m.triaxVersion(), m.createdAt(),
                m.network(), m.classes(), m.preprocessing(), m.normalization(), m.training(), m.split(), m.dataset(),
                m.validation(), m.test(), m.history(), m.bestEpoch(), m.trainSeconds(), m.device(), u);
        Path file = dir.resolve("checked.triax");
        new ModelArtifact(checked, plain.weights()).save(file);
        return file;
    }

    @Test
    void theUnknownStateCheckOfAStreamedRecordingIsTheWholeFileOne() throws IOException {
        Path m = checkedModel();
        Path file = csv("checked.csv");
        try (RecordingScorer s = scorer(m, List.of()).streamFilesFrom(0);
                RecordingScorer w = scorer(m, List.of()).streamFilesFrom(Long.MAX_VALUE)) {
            Verdict expected = w.score(file);
            assertTrue(expected.unknown(), "the check has something to say: " + expected.unknownState());
            Verdict v = s.score(file);
            assertSameVerdict(expected, v);
            assertEquals(expected.unknownState(), v.unknownState());
        }
    }

    @Test
    void badStreamedRecordingsFailAsTheWholeFileOnesDo() throws IOException {
        Path shortOne = TinyData.recording(dir.resolve("short.csv"), 0, 3, 40, Layout.HEADER_WITH_TIME, 1);
        Path twoChannels = TinyData.recording(dir.resolve("two.csv"), 0, 2, 600, Layout.HEADER_WITH_TIME, 1);
        Path otherRate = TinyData.recording(dir.resolve("rate.csv"), 0, 3, 600, Layout.HEADER_WITH_TIME, 1, 2000);
        for (Path f : List.of(shortOne, twoChannels, otherRate)) {
            String expected = assertThrows(TriaxException.class, () -> whole.score(f)).getMessage();
            assertEquals(expected, assertThrows(TriaxException.class, () -> streaming.score(f)).getMessage());
        }
    }
}
