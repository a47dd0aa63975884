package org.triax.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.triax.io.AtomicFiles;

/** Shared look and file handling for the plots of this package. */
final class Charts {

    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 20);
    static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 16);
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    static final Color GRID = new Color(0xd0d0d0);

    private Charts() {
    }

    /** Reports are written by servers and CI jobs without a display; must run before any AWT use. */
    static void headless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Width in pixels of {@code text} drawn in {@code font}, to size images before drawing. */
    static int textWidth(Font font, String text) {
        FontRenderContext context = new FontRenderContext(null, true, true);
        return (int) Math.ceil(font.getStringBounds(text, context).getWidth());
    }

    /** Applies the package's fonts to an axis. */
    static void style(ValueAxis axis) {
        axis.setLabelFont(LABEL_FONT);
        axis.setTickLabelFont(TICK_FONT);
    }

    /** White background with light grid lines, readable on screen and on paper. */
    static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
    }

    /** Writes the chart as a PNG, whole or not at all, never over an existing file. */
    static void savePng(JFreeChart chart, Path png, int width, int height) {
        chart.setBackgroundPaint(Color.WHITE);
        AtomicFiles.write(png, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
    }

    static void savePng(BufferedImage image, Path png) {
        AtomicFiles.write(png, out -> ImageIO.write(image, "png", out));
    }
}
