package org.triax.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.model.Design;
import org.triax.model.TriaxNetwork;
import org.triax.onnx.TestModels;
import org.triax.predict.RecordingScorer;

/**
 * A recording whose samples do not fit the heap is scored: {@code predict} streams it window by
 * window, so memory does not grow with the recording's length (read whole, its samples alone would
 * take twice the heap).
 */
class StreamedPredictHeapTest {
    /** 2.4 M frames of 3 channels: a 29 MB float32 WAV, 58 MB as the doubles of a whole-file read. */
    static final int FRAMES = 2_400_000;
    static final int HEAP_MB = 24;

    @Test
    void aRecordingLargerThanTheHeapIsScored(@TempDir Path dir) throws Exception {
        Path model;
        try (TriaxNetwork net = TestModels.network(Design.FUSED, 3)) {
            model = TestModels.saveTriax(net, dir, "m");
        }
        Path wav = dir.resolve("long.wav");
        writeFloatWav(wav, FRAMES, 3, (int) TestModels.PRE.sampleRate());
        assertTrue(Files.size(wav) >= RecordingScorer.STREAM_BYTES, "long enough to stream");
        long wholeBytes = 8L * 3 * FRAMES;
        assertTrue(wholeBytes >= 2 * ((long) HEAP_MB << 20), wholeBytes + " bytes of samples against a heap of " + HEAP_MB + " MB");

        Path argfile = Files.writeString(dir.resolve("cp.args"),
                "-cp \"" + System.getProperty("java.class.path").replace("\\", "\\\\") + "\"\n");
        Path log = dir.resolve("predict.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + HEAP_MB + "m",
                "-Dai.djl.offline=true", "@" + argfile, TriaxCli.class.getName(), "predict", "--model", model.toString(),
                wav.toString(), "--format", "csv", "--threads", "1")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int status = p.waitFor();
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, status, out);
        List<String> rows = out.lines().filter(l -> l.startsWith(wav.toString())).toList();
        assertEquals(1, rows.size(), out);
        int windows = Integer.parseInt(rows.get(0).split(",")[3]);
        assertEquals((FRAMES - TestModels.PRE.window().length()) / TestModels.PRE.window().hop() + 1, windows, out);
    }

    /** A float32 (format 3) WAV of noise on a sine per channel. */
    static void writeFloatWav(Path f, int frames, int channels, int rate) throws IOException {
        int data = frames * channels * 4;
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data).put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 3).putShort((short) channels)
                .putInt(rate).putInt(rate * channels * 4).putShort((short) (channels * 4)).putShort((short) 32)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data);
        Random noise = new Random(5);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(f), 1 << 16)) {
            out.write(h.array());
            ByteBuffer b = ByteBuffer.allocate(channels * 4 * 4096).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < frames; i++) {
                for (int c = 0; c < channels; c++) {
                    b.putFloat((float) (Math.sin(2 * Math.PI * (50 + 40 * c) * i / rate) + 0.2 * noise.nextGaussian()));
                }
                if (!b.hasRemaining()) {
                    out.write(b.array(), 0, b.position());
                    b.clear();
                }
            }
            out.write(b.array(), 0, b.position());
        }
    }
}
