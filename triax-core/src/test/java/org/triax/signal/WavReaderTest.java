package org.triax.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.TriaxException;

class WavReaderTest {

    @TempDir
    Path dir;

    private final WavReader reader = new WavReader();

    private Path wav(AudioFormat format, byte[] data) throws IOException {
        Path file = dir.resolve("a.wav");
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(data), format,
                data.length / format.getFrameSize())) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }

    /** Three channels, four frames of 16-bit little-endian PCM at 8 kHz. */
    private Path threeChannels16Bit() throws IOException {
        short[] interleaved = {0, 16384, -32768, 32767, -16384, 8192, 1, -1, 0, -8192, 2, 3};
        ByteBuffer data = ByteBuffer.allocate(interleaved.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : interleaved) {
            data.putShort(s);
        }
        return wav(new AudioFormat(8000, 16, 3, true, false), data.array());
    }

    @Test
    void threeChannel16BitPcmIsScaledAndNamedXyz() throws IOException {
        Recording r = reader.read(threeChannels16Bit(), ReadOptions.DEFAULT);
        assertEquals(List.of("X", "Y", "Z"), r.channels());
        assertEquals(8000.0, r.sampleRate(), 0.0);
        assertArrayEquals(new double[] {0, 32767 / 32768.0, 1 / 32768.0, -8192 / 32768.0}, r.samples()[0], 0.0);
        assertArrayEquals(new double[] {0.5, -0.5, -1 / 32768.0, 2 / 32768.0}, r.samples()[1], 0.0);
        assertArrayEquals(new double[] {-1, 0.25, 0, 3 / 32768.0}, r.samples()[2], 0.0);
    }

    @Test
    void sameSampleRateInOptionsIsAcceptedButADifferentOneIsAnError() throws IOException {
        Path file = threeChannels16Bit();
        assertEquals(8000.0, reader.read(file, new ReadOptions(8000, null)).sampleRate(), 0.0);
        TriaxException e = assertThrows(TriaxException.class,
                () -> reader.read(file, new ReadOptions(1000, null)));
        assertTrue(e.getMessage().contains("1000.0 Hz") && e.getMessage().contains("8000.0 Hz"), e.getMessage());
    }

    @Test
    void unsigned8BitIsCentred() throws IOException {
        Path file = wav(new AudioFormat(100, 8, 1, false, false), new byte[] {(byte) 128, (byte) 255, 0, 64});
        Recording r = reader.read(file, ReadOptions.DEFAULT);
        assertEquals(List.of("ch0"), r.channels());
        assertArrayEquals(new double[] {0, 127 / 128.0, -1, -0.5}, r.samples()[0], 0.0);
    }

    @Test
    void signed24BitIsSignExtended() throws IOException {
        // little-endian 24-bit: -2^22 = 0xC00000 and 2^22 = 0x400000, two channels
        byte[] data = {0, 0, (byte) 0xC0, 0, 0, 0x40};
        Recording r = reader.read(wav(new AudioFormat(48000, 24, 2, true, false), data), ReadOptions.DEFAULT);
        assertArrayEquals(new double[] {-0.5}, r.samples()[0], 0.0);
        assertArrayEquals(new double[] {0.5}, r.samples()[1], 0.0);
    }

    @Test
    void float32IsReadAsIs() throws IOException {
        ByteBuffer data = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        data.putFloat(0.25f).putFloat(-0.75f).putFloat(1.0f);
        AudioFormat format = new AudioFormat(AudioFormat.Encoding.PCM_FLOAT, 1000, 32, 1, 4, 1000, false);
        Recording r = reader.read(wav(format, data.array()), ReadOptions.DEFAULT);
        assertArrayEquals(new double[] {0.25, -0.75, 1.0}, r.samples()[0], 0.0);
    }

    @Test
    void truncatedDataIsReported() throws IOException {
        Path file = wav(new AudioFormat(8000, 16, 1, true, false), new byte[2000]);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        TriaxException e = assertThrows(TriaxException.class, () -> reader.read(file, ReadOptions.DEFAULT));
        assertTrue(e.getMessage().contains("truncated WAV file"), e.getMessage());
    }

    @Test
    void nonWavBytesAreReported() throws IOException {
        Path file = Files.write(dir.resolve("b.wav"), "RIFF? no.\n".repeat(20).getBytes(StandardCharsets.UTF_8));
        TriaxException e = assertThrows(TriaxException.class, () -> reader.read(file, ReadOptions.DEFAULT));
        assertTrue(e.getMessage().contains("not a readable WAV file"), e.getMessage());
    }
}
