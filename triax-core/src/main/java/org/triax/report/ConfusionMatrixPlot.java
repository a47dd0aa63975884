package org.triax.report;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A confusion matrix as an annotated heat map: rows are true classes, columns predicted classes,
 * each cell shows its count and its share of the row, coloured by that share.
 */
public final class ConfusionMatrixPlot {

    /** Cell side in pixels; the image grows with the number of classes so cells stay legible. */
    static final int CELL = 72;
    private static final int MIN_MATRIX = 360;
    private static final Color EMPTY = Color.WHITE;
    private static final Color MIDDLE = new Color(0x6baed6);
    private static final Color FULL = new Color(0x08306b);
    private static final Font COUNT_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font PERCENT_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private ConfusionMatrixPlot() {
    }

    /**
     * Writes the matrix to {@code png}.
     *
     * @param counts {@code counts[true][predicted]}, square, one row per class name
     * @throws IllegalArgumentException if the matrix is empty, not square, negative or does not
     *     match the number of class names
     */
    public static void write(Path png, int[][] counts, List<String> classNames, String title) {
        Charts.headless();
        Dimension size = imageSize(classNames);
        Charts.savePng(chart(counts, classNames, title), png, size.width, size.height);
    }

    /** The chart {@link #write} saves; separate so tests can find cells through the axes. */
    static JFreeChart chart(int[][] counts, List<String> classNames, String title) {
        int n = classNames.size();
        Charts.require(n >= 1, "no classes");
        Charts.require(counts.length == n, counts.length + " matrix rows for " + n + " class names");
        double cellPixels = matrixPixels(n) / (double) n;
        DefaultXYZDataset data = new DefaultXYZDataset();
        double[][] cells = new double[3][n * n];
        XYPlot plot = new XYPlot();
        for (int row = 0; row < n; row++) {
            Charts.require(counts[row].length == n,
                    "matrix row " + row + " has " + counts[row].length + " columns, expected " + n);
            long total = 0;
            for (int count : counts[row]) {
                Charts.require(count >= 0, "negative count " + count + " in row " + row);
                total += count;
            }
            for (int col = 0; col < n; col++) {
                double fraction = total == 0 ? 0 : counts[row][col] / (double) total;
                int i = row * n + col;
                cells[0][i] = col;
                cells[1][i] = row;
                cells[2][i] = fraction;
                String percent = total == 0 ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
                Color text = Viridis.luma(cellColor(fraction)) < 0.5 ? Color.WHITE : Color.BLACK;
                // Two lines a fixed number of pixels apart; the y axis is inverted, so -y is up.
                String count = String.valueOf(counts[row][col]);
                plot.addAnnotation(label(count, col, row - 9 / cellPixels, COUNT_FONT, text));
                plot.addAnnotation(label(percent, col, row + 14 / cellPixels, PERCENT_FONT, text));
            }
        }
        data.addSeries("row share", cells);

        String[] names = classNames.toArray(String[]::new);
        SymbolAxis predicted = axis("predicted class", names);
        predicted.setVerticalTickLabels(rotateColumnLabels(classNames));
        SymbolAxis actual = axis("true class", names);
        actual.setInverted(true);

        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(new ColorScale(0, 1, ConfusionMatrixPlot::cellColor));
        plot.setDataset(data);
        plot.setDomainAxis(predicted);
        plot.setRangeAxis(actual);
        plot.setRenderer(renderer);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setOutlinePaint(Color.GRAY);
        JFreeChart chart = new JFreeChart(title, Charts.TITLE_FONT, plot, false);
        chart.setAntiAlias(false); // crisp cell edges; text stays antialiased
        return chart;
    }

    /**
     * Image size for {@code classNames}: room for title, axis titles and labels plus a square
     * matrix of one {@link #CELL} per class (larger cells for few classes).
     */
    static Dimension imageSize(List<String> classNames) {
        int labels = longestLabel(classNames);
        int matrix = matrixPixels(classNames.size());
        int width = 90 + labels + matrix;
        int height = 70 + matrix + (rotateColumnLabels(classNames) ? labels : 20);
        return new Dimension(width, height);
    }

    private static int matrixPixels(int classes) {
        return Math.max(MIN_MATRIX, classes * CELL);
    }

    /** Row share in [0, 1] to colour: white for none, dark blue for the whole row. */
    static Color cellColor(double fraction) {
        double f = Math.min(1, Math.max(0, fraction));
        return f < 0.5 ? Viridis.mix(EMPTY, MIDDLE, 2 * f) : Viridis.mix(MIDDLE, FULL, 2 * f - 1);
    }

    private static boolean rotateColumnLabels(List<String> classNames) {
        return longestLabel(classNames) > CELL - 12;
    }

    private static int longestLabel(List<String> classNames) {
        return classNames.stream().mapToInt(name -> Charts.textWidth(Charts.TICK_FONT, name)).max().orElse(0);
    }

    private static SymbolAxis axis(String label, String[] names) {
        SymbolAxis axis = new SymbolAxis(label, names);
        axis.setGridBandsVisible(false);
        axis.setRange(-0.5, names.length - 0.5);
        Charts.style(axis);
        return axis;
    }

    private static XYTextAnnotation label(String text, double x, double y, Font font, Color paint) {
        XYTextAnnotation label = new XYTextAnnotation(text, x, y);
        label.setFont(font);
        label.setPaint(paint);
        return label;
    }
}
