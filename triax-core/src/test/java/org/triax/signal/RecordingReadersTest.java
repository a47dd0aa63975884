package org.triax.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.TriaxException;
import us.hebi.matlab.mat.format.Mat5;

class RecordingReadersTest {

    @TempDir
    Path dir;

    private static String messageOf(Path file) {
        return assertThrows(TriaxException.class, () -> RecordingReaders.read(file, ReadOptions.DEFAULT))
                .getMessage();
    }

    @Test
    void documentationFilesAreNotRecordings() {
        assertFalse(RecordingReaders.isRecording(Path.of("data/README.md")));
        assertFalse(RecordingReaders.isRecording(Path.of("data/PROVENANCE.md")));
        for (String name : List.of("a.csv", "b.CSV.GZ", "c.mat", "d.h5", "e.hdf5", "f.WAV", "g.tsv")) {
            assertTrue(RecordingReaders.isRecording(Path.of(name)), name);
        }
    }

    @Test
    void supportedExtensionsCoverEveryFormat() {
        assertTrue(RecordingReaders.supportedExtensions()
                .containsAll(List.of(".csv", ".csv.gz", ".mat", ".h5", ".hdf5", ".wav")));
    }

    @Test
    void dispatchesByExtension() throws IOException {
        Path csv = Files.writeString(dir.resolve("A.CSV"), "1,2,3\n4,5,6\n");
        Recording r = RecordingReaders.read(csv, null);
        assertEquals(List.of("X", "Y", "Z"), r.channels());
        assertEquals(csv.toString(), r.source());
    }

    @Test
    void unknownExtensionListsSupportedOnes() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.md"), "# hello\n");
        String message = messageOf(file);
        assertTrue(message.contains("unsupported file type") && message.contains(".csv.gz")
                && message.contains(".mat"), message);
    }

    @Test
    void emptyFileIsReportedAsEmpty() throws IOException {
        Path file = Files.createFile(dir.resolve("x.mat"));
        assertEquals(file + ": empty file", messageOf(file));
    }

    @Test
    void missingFileIsReported() {
        Path file = dir.resolve("nope.csv");
        assertEquals(file + ": file not found", messageOf(file));
    }

    @Test
    void directoryIsNotARecording() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("d.csv"));
        assertTrue(messageOf(folder).contains("not a regular file"));
    }

    /** A small valid file of each format but CSV: gzipped CSV, MAT v5, HDF5, WAV (3 channels, 3000 samples). */
    private List<Path> oneOfEachFormat() throws IOException {
        Path gz = dir.resolve("t.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            for (int i = 0; i < 3000; i++) {
                out.write((i + "," + Math.cos(i) + "," + Math.sin(i) + "," + Math.cos(3 * i) + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
        java.util.Random rnd = new java.util.Random(5);
        us.hebi.matlab.mat.types.Matrix m = Mat5.newMatrix(3000, 3);
        double[][] h = new double[3000][3];
        for (int i = 0; i < 3000; i++) {
            for (int c = 0; c < 3; c++) {
                h[i][c] = rnd.nextGaussian();
                m.setDouble(i, c, h[i][c]);
            }
        }
        Path mat = dir.resolve("t.mat");
        Mat5.writeToFile(Mat5.newMatFile().addArray("H", m), mat.toFile());
        Path h5 = dir.resolve("t.h5");
        try (WritableHdfFile out = HdfFile.write(h5)) {
            out.putDataset("vibration_data", h);
        }
        Path wav = dir.resolve("t.wav");
        AudioFormat format = new AudioFormat(1000, 16, 3, true, false);
        byte[] pcm = new byte[18000];
        rnd.nextBytes(pcm);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, 3000)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, wav.toFile());
        }
        return List.of(gz, mat, h5, wav);
    }

    /** Cuts a valid file of each format in half: the caller must get one line naming the file. */
    @Test
    void truncatedFilesOfEveryFormatGiveOneLineErrors() throws IOException {
        for (Path file : oneOfEachFormat()) {
            byte[] bytes = Files.readAllBytes(file);
            Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
            String message = messageOf(file);
            assertTrue(message.startsWith(file + ": ") && !message.contains("\n"), message);
        }
    }

    /** An upload's bytes in memory read as its file does, and fail with the file's line, under its name. */
    @Test
    void bytesInMemoryReadAsTheirFileUnderItsName() throws IOException {
        List<Path> files = new java.util.ArrayList<>(oneOfEachFormat());
        files.add(Files.writeString(dir.resolve("t.csv"), "time,X,Y\n0,1,2\n0.001,3,-4\n0.002,5,6\n0.003,-7,8\n"));
        for (Path file : files) {
            String name = file.getFileName().toString();
            byte[] bytes = Files.readAllBytes(file);
            Recording fromFile = RecordingReaders.read(file, ReadOptions.DEFAULT);
            Recording fromMemory = RecordingReaders.read(RecordingInput.inMemory(name, bytes), ReadOptions.DEFAULT);
            assertEquals(name, fromMemory.source());
            assertEquals(fromFile.channels(), fromMemory.channels(), name);
            assertEquals(fromFile.sampleRate(), fromMemory.sampleRate(), name);
            assertTrue(Arrays.deepEquals(fromFile.samples(), fromMemory.samples()), name);
            Path cut = Files.write(dir.resolve("cut-" + name), Arrays.copyOf(bytes, bytes.length / 2));
            String fileLine = messageOf(cut);
            String memoryLine = assertThrows(TriaxException.class, () -> RecordingReaders.read(
                    RecordingInput.inMemory("cut-" + name, Arrays.copyOf(bytes, bytes.length / 2)), ReadOptions.DEFAULT)).getMessage();
            assertEquals(fileLine.replace(dir + "/", ""), memoryLine);
        }
        assertEquals("x.wav: empty file", assertThrows(TriaxException.class,
                () -> RecordingReaders.read(RecordingInput.inMemory("x.wav", new byte[0]), null)).getMessage());
    }
}
