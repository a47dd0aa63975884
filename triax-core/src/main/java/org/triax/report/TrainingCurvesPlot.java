package org.triax.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.nio.file.Path;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Loss and accuracy per epoch, train against validation, in one two-panel PNG. */
public final class TrainingCurvesPlot {

    static final int WIDTH = 1000;
    static final int HEIGHT = 700;
    private static final Color TRAIN = new Color(0x1f77b4);
    private static final Color VALIDATION = new Color(0xff7f0e);

    private TrainingCurvesPlot() {
    }

    /**
     * Writes the curves to {@code png}. Entry {@code i} of each array belongs to epoch {@code i + 1};
     * a NaN value is drawn as a gap.
     *
     * @param trainAccuracy fractions in [0, 1], plotted in %
     * @param validationAccuracy fractions in [0, 1], plotted in %
     * @param bestEpoch 1-based epoch marked "best" (the one whose model is kept)
     * @throws IllegalArgumentException if the arrays are empty or differ in length, a value is
     *     infinite, an accuracy lies outside [0, 1], or {@code bestEpoch} is not an epoch
     */
    public static void write(Path png, double[] trainLoss, double[] validationLoss,
            double[] trainAccuracy, double[] validationAccuracy, int bestEpoch, String title) {
        Charts.headless();
        int epochs = trainLoss.length;
        Charts.require(epochs >= 1, "no epochs to plot");
        Charts.require(validationLoss.length == epochs && trainAccuracy.length == epochs
                        && validationAccuracy.length == epochs,
                "curves differ in length: train loss " + epochs + ", validation loss "
                        + validationLoss.length + ", train accuracy " + trainAccuracy.length
                        + ", validation accuracy " + validationAccuracy.length);
        Charts.require(bestEpoch >= 1 && bestEpoch <= epochs,
                "best epoch " + bestEpoch + " is not in 1.." + epochs);
        checkValues("train loss", trainLoss, false);
        checkValues("validation loss", validationLoss, false);
        checkValues("train accuracy", trainAccuracy, true);
        checkValues("validation accuracy", validationAccuracy, true);

        NumberAxis epochAxis = new NumberAxis("epoch");
        epochAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        epochAxis.setRange(0.5, epochs + 0.5);
        Charts.style(epochAxis);

        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(epochAxis);
        plot.setGap(16);
        plot.add(panel("loss", "loss", trainLoss, validationLoss, 1, bestEpoch), 1);
        plot.add(panel("accuracy", "accuracy (%)", trainAccuracy, validationAccuracy, 100, bestEpoch), 1);

        JFreeChart chart = new JFreeChart(title, Charts.TITLE_FONT, plot, true);
        chart.getLegend().setItemFont(Charts.TICK_FONT);
        Charts.savePng(chart, png, WIDTH, HEIGHT);
    }

    private static void checkValues(String name, double[] values, boolean fraction) {
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            Charts.require(Double.isNaN(v) || (fraction ? v >= 0 && v <= 1 : Double.isFinite(v)),
                    name + " at epoch " + (i + 1) + " is " + v
                            + (fraction ? ", expected a fraction in [0, 1]" : ", expected a finite value"));
        }
    }

    private static XYPlot panel(String what, String axisLabel, double[] train, double[] validation,
            double scale, int bestEpoch) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series("train " + what, train, scale));
        data.addSeries(series("validation " + what, validation, scale));

        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, TRAIN);
        renderer.setSeriesPaint(1, VALIDATION);
        renderer.setSeriesShape(0, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
        renderer.setSeriesShape(1, new Rectangle2D.Double(-3.5, -3.5, 7, 7));
        BasicStroke line = new BasicStroke(2f);
        renderer.setSeriesStroke(0, line);
        renderer.setSeriesStroke(1, line);

        NumberAxis valueAxis = new NumberAxis(axisLabel);
        valueAxis.setAutoRangeIncludesZero(false);
        Charts.style(valueAxis);

        XYPlot panel = new XYPlot(data, null, valueAxis, renderer);
        Charts.style(panel);
        BasicStroke dashed = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f);
        ValueMarker best = new ValueMarker(bestEpoch, Color.DARK_GRAY, dashed);
        best.setLabel("best");
        best.setLabelFont(Charts.TICK_FONT);
        best.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        best.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        panel.addDomainMarker(best);
        return panel;
    }

    private static XYSeries series(String name, double[] values, double scale) {
        XYSeries series = new XYSeries(name, false, true);
        for (int i = 0; i < values.length; i++) {
            series.add(i + 1, values[i] * scale);
        }
        return series;
    }
}
