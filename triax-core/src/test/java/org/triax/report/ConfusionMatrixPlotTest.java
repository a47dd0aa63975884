package org.triax.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;

class ConfusionMatrixPlotTest extends PlotTestBase {

    @Test
    void writesPngWhoseSizeGrowsWithTheClasses() throws IOException {
        List<String> ten = new ArrayList<>();
        int[][] counts = new int[10][10];
        for (int i = 0; i < 10; i++) {
            ten.add("OR021@" + i);
            counts[i][i] = 50 + i;
            counts[i][(i + 1) % 10] = i;
        }
        Path png = dir.resolve("cm.png");
        ConfusionMatrixPlot.write(png, counts, ten, "confusion matrix (test split)");
        BufferedImage image = ImageIO.read(png.toFile());
        Dimension expected = ConfusionMatrixPlot.imageSize(ten);
        assertEquals(expected.width, image.getWidth());
        assertEquals(expected.height, image.getHeight());
        Dimension two = ConfusionMatrixPlot.imageSize(List.of("normal", "fault"));
        assertTrue(expected.width > two.width && expected.height > two.height);
    }

    @Test
    void fullDiagonalCellIsDarkerThanEmptyCell() {
        List<String> names = List.of("normal", "inner", "outer");
        int[][] counts = {{20, 0, 0}, {0, 15, 5}, {0, 0, 30}};
        JFreeChart chart = ConfusionMatrixPlot.chart(counts, names, "t");
        Dimension size = ConfusionMatrixPlot.imageSize(names);
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage image = chart.createBufferedImage(size.width, size.height, info);
        Rectangle2D area = info.getPlotInfo().getDataArea();

        double diagonal = cellLuma(image, chart.getXYPlot(), area, 0, 0);
        double empty = cellLuma(image, chart.getXYPlot(), area, 0, 1);
        double partial = cellLuma(image, chart.getXYPlot(), area, 1, 2);
        assertTrue(diagonal < 0.3, "diagonal luma " + diagonal);
        assertTrue(empty > 0.95, "empty luma " + empty);
        assertTrue(diagonal < partial && partial < empty, "partial luma " + partial);
    }

    @Test
    void cellColourRunsFromWhiteToDarkBlue() {
        assertEquals(Color.WHITE, ConfusionMatrixPlot.cellColor(0));
        Color full = ConfusionMatrixPlot.cellColor(1);
        assertTrue(full.getBlue() > full.getRed() && full.getBlue() > full.getGreen());
        assertTrue(Viridis.luma(full) < 0.25);
        double previous = 2;
        for (int i = 0; i <= 100; i++) {
            double luma = Viridis.luma(ConfusionMatrixPlot.cellColor(i / 100.0));
            assertTrue(luma <= previous, "colour brightens at " + i + "%");
            previous = luma;
        }
    }

    @Test
    void rejectsWrongClassNameCount() {
        int[][] counts = {{1, 0}, {0, 1}};
        assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrixPlot.write(dir.resolve("x.png"), counts, List.of("a", "b", "c"), "t"));
    }

    @Test
    void rejectsEmptyNonSquareAndNegativeMatrices() {
        assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrixPlot.write(dir.resolve("x.png"), new int[0][0], List.of(), "t"));
        assertThrows(IllegalArgumentException.class, () -> ConfusionMatrixPlot.write(
                dir.resolve("x.png"), new int[][] {{1, 0}, {1}}, List.of("a", "b"), "t"));
        assertThrows(IllegalArgumentException.class, () -> ConfusionMatrixPlot.write(
                dir.resolve("x.png"), new int[][] {{1, -1}, {0, 1}}, List.of("a", "b"), "t"));
    }

    /** Luma near the left edge of a cell, clear of the centred count and percentage text. */
    private static double cellLuma(BufferedImage image, XYPlot plot, Rectangle2D area, int row, int col) {
        int x = (int) plot.getDomainAxis().valueToJava2D(col - 0.4, area, plot.getDomainAxisEdge());
        int y = (int) plot.getRangeAxis().valueToJava2D(row, area, plot.getRangeAxisEdge());
        return Viridis.luma(new Color(image.getRGB(x, y)));
    }
}
