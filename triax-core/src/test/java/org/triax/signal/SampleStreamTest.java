package org.triax.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.TriaxException;

/** A streamed recording holds the channels, rate and samples the whole-file reader gives, block by block. */
class SampleStreamTest {

    @TempDir
    Path dir;

    /** Reads a stream in blocks of {@code block} samples (odd sizes cross the readers' own blocks). */
    private static double[][] drain(SampleStream s, int block) {
        double[][] all = new double[s.channels().size()][(int) s.length()];
        int at = 0;
        for (int n; (n = s.read(all, at, Math.min(block, all[0].length - at))) > 0; ) {
            at += n;
        }
        assertEquals(s.length(), at, "every sample delivered");
        assertEquals(0, s.read(all, 0, 0));
        return all;
    }

    private void assertStreamsAsRead(Path file, ReadOptions options) {
        ReadNotes wholeNotes = new ReadNotes();
        ReadNotes streamNotes = new ReadNotes();
        Recording whole = RecordingReaders.read(file, withNotes(options, wholeNotes));
        try (SampleStream s = RecordingReaders.openStream(file, withNotes(options, streamNotes))) {
            assertNotNull(s, file + " streams");
            assertEquals(whole.channels(), s.channels());
            assertEquals(whole.sampleRate(), s.sampleRate());
            assertEquals(whole.length(), s.length());
            assertEquals(file.toString(), s.source());
            double[][] streamed = drain(s, 777);
            for (int c = 0; c < streamed.length; c++) {
                assertArrayEquals(whole.samples()[c], streamed[c], "channel " + whole.channels().get(c));
            }
        }
        assertEquals(wholeNotes.lines(), streamNotes.lines(), "the same notes");
    }

    private static ReadOptions withNotes(ReadOptions o, ReadNotes notes) {
        return new ReadOptions(o.sampleRate(), o.variable(), o.keep(), notes);
    }

    private Path csv(String name, boolean header, boolean counter, int rows, long seed) throws IOException {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(header ? (counter ? "time,X,Y,Z\n" : "X,Y,Z\n") : "");
        for (int i = 0; i < rows; i++) {
            if (counter) {
                sb.append(i / 1000.0).append(',');
            }
            sb.append(r.nextGaussian()).append(',').append(Math.sin(i * 0.1)).append(',').append(r.nextInt(100) - 50)
                    .append('\n');
            if (i % 5000 == 17) {
                sb.append('\n'); // blank lines are skipped by both
            }
        }
        Path file = dir.resolve(name);
        if (name.endsWith(".gz")) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return file;
        }
        return Files.writeString(file, sb);
    }

    @Test
    void csvWithATimeColumnStreamsItsChannelsAndRate() throws IOException {
        Path file = csv("t.csv", true, true, 20_000, 1);
        assertStreamsAsRead(file, ReadOptions.DEFAULT);
        try (SampleStream s = RecordingReaders.openStream(file, ReadOptions.DEFAULT)) {
            assertEquals(1000.0, s.sampleRate());
            assertEquals(java.util.List.of("X", "Y", "Z"), s.channels());
        }
    }

    @Test
    void gzippedHeaderlessCsvDropsItsCounterColumnAsTheWholeReadDoes() throws IOException {
        Path file = csv("h.csv.gz", false, true, 20_000, 2);
        assertStreamsAsRead(file, ReadOptions.DEFAULT);
        try (SampleStream s = RecordingReaders.openStream(file, ReadOptions.DEFAULT)) {
            assertEquals(3, s.channels().size(), "the counter column is left out: " + s.channels());
        }
        assertStreamsAsRead(file, new ReadOptions(500, null));
    }

    @Test
    void unevenTimeStepsStateNoRateInBothPaths() throws IOException {
        StringBuilder sb = new StringBuilder("time,X\n");
        Random r = new Random(3);
        double t = 0;
        for (int i = 0; i < 3000; i++) {
            t += i % 100 == 99 ? 0.5 : 0.001; // gaps
            sb.append(t).append(',').append(r.nextGaussian()).append('\n');
        }
        Path file = Files.writeString(dir.resolve("gaps.csv"), sb);
        assertStreamsAsRead(file, ReadOptions.DEFAULT);
    }

    @Test
    void aTimeColumnWithTooManyDistinctStepsIsLeftToTheWholeRead() throws IOException {
        StringBuilder sb = new StringBuilder("time,X\n");
        Random r = new Random(4);
        double t = 0;
        for (int i = 0; i < 70_000; i++) {
            t += 0.001 * (1 + 1e-4 * r.nextDouble()); // jitter: every step distinct
            sb.append(t).append(',').append(r.nextGaussian()).append('\n');
        }
        Path file = Files.writeString(dir.resolve("jitter.csv"), sb);
        assertNull(RecordingReaders.openStream(file, ReadOptions.DEFAULT));
        assertEquals(70_000, RecordingReaders.read(file, ReadOptions.DEFAULT).length());
    }

    @Test
    void wavStreamsItsFrames() throws IOException {
        int frames = 50_000;
        ByteBuffer data = ByteBuffer.allocate(frames * 3 * 2).order(ByteOrder.LITTLE_ENDIAN);
        Random r = new Random(5);
        for (int i = 0; i < frames * 3; i++) {
            data.putShort((short) r.nextInt(65536));
        }
        AudioFormat format = new AudioFormat(8000, 16, 3, true, false);
        Path file = dir.resolve("a.wav");
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(data.array()), format, frames)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
        assertStreamsAsRead(file, ReadOptions.DEFAULT);
    }

    @Test
    void badFilesFailWhenTheyOpenWithTheWholeReadersMessages() throws IOException {
        Path nan = Files.writeString(dir.resolve("nan.csv"), "X,Y\n1,2\n3,nan\n");
        TriaxException e = assertThrows(TriaxException.class, () -> RecordingReaders.openStream(nan, ReadOptions.DEFAULT));
        assertTrue(e.getMessage().contains("line 3, column 2"), e.getMessage());
        Path torn = dir.resolve("torn.csv.gz");
        byte[] gz = Files.readAllBytes(csv("ok.csv.gz", true, false, 5000, 6));
        Files.write(torn, java.util.Arrays.copyOf(gz, gz.length / 2));
        e = assertThrows(TriaxException.class, () -> RecordingReaders.openStream(torn, ReadOptions.DEFAULT));
        assertTrue(e.getMessage().contains("truncated or corrupt gzip"), e.getMessage());
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        e = assertThrows(TriaxException.class, () -> RecordingReaders.openStream(empty, ReadOptions.DEFAULT));
        assertTrue(e.getMessage().contains("empty file"), e.getMessage());
    }

    @Test
    void matAndHdf5AreNotStreamed() throws IOException {
        Path mat = Files.write(dir.resolve("x.mat"), new byte[] {1, 2, 3});
        assertNull(RecordingReaders.openStream(mat, ReadOptions.DEFAULT));
    }
}
