package org.triax.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class SpectrogramPlotTest extends PlotTestBase {

    @Test
    void writeChannelProducesPngOfFixedSize() throws IOException {
        Path png = dir.resolve("x.png");
        SpectrogramPlot.writeChannel(png, tone(65, 40, 10), 12000, 64, 128, "drive end, 1797 rpm");
        assertSize(png, SpectrogramPlot.WIDTH, SpectrogramPlot.HEIGHT);
    }

    @Test
    void writeChannelWithoutSampleRateOrFiniteRangeStillDraws() throws IOException {
        float[][] db = new float[9][5];
        db[0][0] = Float.NEGATIVE_INFINITY; // log of a zero bin
        Path png = dir.resolve("bins.png");
        SpectrogramPlot.writeChannel(png, db, Double.NaN, 4, 16, "constant");
        assertSize(png, SpectrogramPlot.WIDTH, SpectrogramPlot.HEIGHT);
    }

    @Test
    void writeFusedUpscalesSmallSpectrogramsToReadableSize() throws IOException {
        float[][][] db = {tone(33, 32, 5), tone(33, 32, 10), tone(33, 32, 20)};
        Path png = dir.resolve("fused.png");
        SpectrogramPlot.writeFused(png, db, List.of("DE", "FE", "BA"), "fused input");
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image.getWidth() >= 32 * SpectrogramPlot.upscale(32), "width " + image.getWidth());
        assertTrue(image.getHeight() > 33 * SpectrogramPlot.upscale(33), "height " + image.getHeight());
        assertTrue(33 * SpectrogramPlot.upscale(33) >= SpectrogramPlot.MIN_FUSED_SIDE);
    }

    @Test
    void fusedChannelZeroHighOthersLowGivesRedPixels() throws IOException {
        // Each channel is scaled on its own, so one contrasting cell fixes the range: channel 0 sits
        // at its maximum almost everywhere, channels 1 and 2 at their minimum.
        float[][][] db = new float[3][20][20];
        for (int k = 0; k < 20; k++) {
            Arrays.fill(db[0][k], 60f);
        }
        db[0][0][0] = 0f;
        db[1][0][0] = 40f;
        db[2][0][0] = 40f;
        Path png = dir.resolve("red.png");
        SpectrogramPlot.writeFused(png, db, List.of("DE", "FE", "BA"), "red");
        BufferedImage image = ImageIO.read(png.toFile());
        long red = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if ((rgb >> 16 & 0xff) == 255 && (rgb >> 8 & 0xff) == 0 && (rgb & 0xff) == 0) {
                    red++;
                }
            }
        }
        long heatMap = 20L * SpectrogramPlot.upscale(20) * 20 * SpectrogramPlot.upscale(20);
        assertTrue(red > 0.9 * heatMap, red + " red pixels of " + heatMap);
    }

    @Test
    void fusedAcceptsOneChannel() throws IOException {
        Path png = dir.resolve("one.png");
        SpectrogramPlot.writeFused(png, new float[][][] {tone(17, 8, 3)}, List.of("DE"), "one");
        assertTrue(ImageIO.read(png.toFile()).getWidth() >= SpectrogramPlot.MIN_FUSED_SIDE);
    }

    @Test
    void rejectsEmptyOrRaggedSpectrograms() {
        Path png = dir.resolve("x.png");
        assertThrows(IllegalArgumentException.class,
                () -> SpectrogramPlot.writeChannel(png, new float[0][0], 100, 1, 2, "t"));
        assertThrows(IllegalArgumentException.class,
                () -> SpectrogramPlot.writeChannel(png, new float[][] {{1, 2}, {3}}, 100, 1, 2, "t"));
        assertThrows(IllegalArgumentException.class,
                () -> SpectrogramPlot.writeChannel(png, new float[][] {{Float.NaN}}, 100, 1, 2, "t"));
        assertThrows(IllegalArgumentException.class,
                () -> SpectrogramPlot.writeChannel(png, new float[][] {{1}}, -5, 1, 2, "t"));
        assertThrows(IllegalArgumentException.class,
                () -> SpectrogramPlot.writeFused(png, new float[0][][], List.of(), "t"));
    }

    @Test
    void rejectsFusedChannelsThatDoNotMatch() {
        Path png = dir.resolve("x.png");
        float[][][] two = {tone(5, 4, 1), tone(5, 4, 2)};
        assertThrows(IllegalArgumentException.class,
                () -> SpectrogramPlot.writeFused(png, two, List.of("DE"), "t"));
        float[][][] sizes = {tone(5, 4, 1), tone(5, 3, 2)};
        assertThrows(IllegalArgumentException.class,
                () -> SpectrogramPlot.writeFused(png, sizes, List.of("DE", "FE"), "t"));
    }

    /** A spectrogram with a ridge at {@code bin} over a sloping floor, in dB. */
    static float[][] tone(int bins, int frames, int bin) {
        float[][] db = new float[bins][frames];
        for (int k = 0; k < bins; k++) {
            for (int j = 0; j < frames; j++) {
                db[k][j] = -80 + 0.5f * j - 0.3f * k + (Math.abs(k - bin) <= 1 ? 70 : 0);
            }
        }
        return db;
    }

    private static void assertSize(Path png, int width, int height) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(width, image.getWidth());
        assertEquals(height, image.getHeight());
    }
}
