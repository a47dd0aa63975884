package org.triax.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.testing.TinyData;
import org.triax.testing.TinyData.Layout;
import org.triax.testing.TinyData.Run;

/** {@code triax spectrogram REC --out DIR}: one PNG per channel and the fused image. */
class SpectrogramCommandTest {

    @TempDir
    Path dir;

    private static List<String> pngs(Path out) {
        return TinyData.filesEndingWith(out, ".png").stream().map(p -> p.getFileName().toString()).toList();
    }

    private static void assertImage(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, png + " is not a readable image");
        assertTrue(image.getWidth() >= 100 && image.getHeight() >= 100, png + " " + image.getWidth() + "x"
                + image.getHeight());
    }

    @Test
    void writesOnePngPerChannelAndTheFusedImage() throws IOException {
        Path rec = TinyData.recording(dir.resolve("pump run.csv"), 1, 3, TinyData.SAMPLES, Layout.HEADER_WITH_TIME, 1);
        Path out = dir.resolve("out/nested");
        Run r = TinyData.cli("spectrogram", rec.toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(List.of("pump run.X.png", "pump run.Y.png", "pump run.Z.png", "pump run.fused.png"), pngs(out));
        for (String name : pngs(out)) {
            assertImage(out.resolve(name));
        }
        List<String> printed = r.out().lines().toList();
        assertEquals(4, printed.size(), r.out());
        for (String line : printed) {
            assertTrue(Files.isRegularFile(Path.of(line)), "printed path " + line);
        }
    }

    @Test
    void gzippedHeaderlessRecordingWithFourChannelsGetsFourChannelImages() throws IOException {
        Path csv = TinyData.recording(dir.resolve("raw.csv"), 2, 4, 2048, Layout.HEADERLESS, 2);
        Path gz = dir.resolve("sensor.csv.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(Files.readAllBytes(csv));
        }
        Path out = dir.resolve("out");
        Run r = TinyData.cli("spectrogram", gz.toString(), "--out", out.toString(), "--fs", "1000");
        assertEquals(0, r.status(), r.err());
        assertEquals(List.of("sensor.ch0.png", "sensor.ch1.png", "sensor.ch2.png", "sensor.ch3.png",
                "sensor.fused.png"), pngs(out));
    }

    @Test
    void channelsOptionPicksAndOrdersTheImages() {
        Path rec = TinyData.recording(dir.resolve("r.csv"), 0, 3, 2048, Layout.HEADER_WITH_TIME, 3);
        Path out = dir.resolve("out");
        Run r = TinyData.cli("spectrogram", rec.toString(), "--out", out.toString(), "--channels", "z,X",
                "--segment", "64", "--overlap", "32");
        assertEquals(0, r.status(), r.err());
        assertEquals(List.of("r.X.png", "r.fused.png", "r.z.png"), pngs(out));
    }

    @Test
    void recordingShorterThanOneSegmentIsAUserError() {
        Path rec = TinyData.recording(dir.resolve("short.csv"), 0, 3, 100, Layout.HEADER_WITH_TIME, 4);
        Path out = dir.resolve("out");
        Run r = TinyData.cli("spectrogram", rec.toString(), "--out", out.toString());
        assertEquals(2, r.status(), r.out() + r.err());
        assertEquals(1, r.errLines().size(), r.err());
        String line = r.errLines().get(0);
        assertTrue(line.startsWith("triax: error: ") && line.contains("short.csv") && line.contains("100 samples"),
                line);
        assertTrue(!Files.exists(out) || pngs(out).isEmpty(), "no image for a failed run");
    }

    @Test
    void missingRecordingIsAUserError() {
        Run r = TinyData.cli("spectrogram", dir.resolve("nope.csv").toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, r.status(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.errLines().get(0).startsWith("triax: error: ") && r.err().contains("file not found"), r.err());
    }
}
