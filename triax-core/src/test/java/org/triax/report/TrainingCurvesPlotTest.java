package org.triax.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class TrainingCurvesPlotTest extends PlotTestBase {

    @Test
    void writesTwoPanelPngOfFixedSize() throws IOException {
        Path png = dir.resolve("curves/training.png");
        TrainingCurvesPlot.write(png, new double[] {1.2, 0.8, 0.5, 0.4}, new double[] {1.3, 0.9, 0.7, 0.75},
                new double[] {0.4, 0.7, 0.85, 0.9}, new double[] {0.35, 0.6, 0.8, 0.78}, 3, "fused model");
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(TrainingCurvesPlot.WIDTH, image.getWidth());
        assertEquals(TrainingCurvesPlot.HEIGHT, image.getHeight());
    }

    @Test
    void writesSingleEpochAndNaNGaps() throws IOException {
        Path png = dir.resolve("one.png");
        TrainingCurvesPlot.write(png, new double[] {0.7}, new double[] {Double.NaN},
                new double[] {0.5}, new double[] {Double.NaN}, 1, "one epoch");
        assertEquals(TrainingCurvesPlot.WIDTH, ImageIO.read(png.toFile()).getWidth());
    }

    @Test
    void rejectsEmptyCurves() {
        double[] none = {};
        assertThrows(IllegalArgumentException.class,
                () -> TrainingCurvesPlot.write(dir.resolve("x.png"), none, none, none, none, 1, "t"));
    }

    @Test
    void rejectsCurvesOfDifferentLength() {
        double[] two = {1, 2};
        assertThrows(IllegalArgumentException.class, () -> TrainingCurvesPlot.write(
                dir.resolve("x.png"), two, two, new double[] {0.5}, new double[] {0.1, 0.2}, 1, "t"));
    }

    @Test
    void rejectsAccuracyGivenInPercent() {
        double[] loss = {1, 0.5};
        assertThrows(IllegalArgumentException.class, () -> TrainingCurvesPlot.write(
                dir.resolve("x.png"), loss, loss, new double[] {50, 80}, new double[] {0.5, 0.8}, 1, "t"));
    }

    @Test
    void rejectsBestEpochOutsideTheCurves() {
        double[] v = {0.5, 0.6};
        assertThrows(IllegalArgumentException.class,
                () -> TrainingCurvesPlot.write(dir.resolve("x.png"), v, v, v, v, 3, "t"));
        assertThrows(IllegalArgumentException.class,
                () -> TrainingCurvesPlot.write(dir.resolve("x.png"), v, v, v, v, 0, "t"));
    }
}
