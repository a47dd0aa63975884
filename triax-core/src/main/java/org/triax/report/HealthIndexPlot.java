package org.triax.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A run's health index over time, one line per detector (score / threshold, log scale, so that
 * twice and half the threshold are equally far from it), the smoothed trend of the detector that
 * raises the alarm, the threshold at 1, the normal period the baseline learned from, and the first
 * alarm.
 */
public final class HealthIndexPlot {
    static final int WIDTH = 1100;
    static final int HEIGHT = 650;
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0x2ca02c), new Color(0x9467bd)};
    private static final Color TREND = new Color(0xff7f0e);
    private static final Color ALARM = new Color(0xd62728);

    private HealthIndexPlot() {
    }

    /**
     * @param time x of each snapshot
     * @param names detector names, one index series each
     * @param index {@code index[detector][snapshot]}, positive
     * @param trend smoothed index of the alarm detector
     * @param baseline x range {@code [from, to]} of the normal period, or null
     * @param firstAlarm x of the first alarm, or NaN
     */
    public static void write(Path png, String title, String timeLabel, double[] time, List<String> names, double[][] index,
                             double[] trend, double[] baseline, double firstAlarm) {
        Charts.headless();
        Charts.require(time.length >= 1, "no snapshots to plot");
        Charts.require(index.length == names.size(), index.length + " index series for " + names.size() + " names");
        XYSeriesCollection data = new XYSeriesCollection();
        double low = Double.POSITIVE_INFINITY;
        double high = 1;
        for (int d = 0; d < index.length; d++) {
            Charts.require(index[d].length == time.length, "index series of " + names.get(d) + " has the wrong length");
            XYSeries s = new XYSeries("health index: " + names.get(d), false, true);
            for (int i = 0; i < time.length; i++) {
                double v = Math.max(index[d][i], 1e-3); // a log axis cannot show 0
                s.add(time[i], v);
                low = Math.min(low, v);
                high = Math.max(high, v);
            }
            data.addSeries(s);
        }
        XYSeries t = new XYSeries("trend (" + names.get(0) + ", smoothed)", false, true);
        for (int i = 0; i < time.length; i++) {
            t.add(time[i], Math.max(trend[i], 1e-3));
        }
        data.addSeries(t);

        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int d = 0; d < index.length; d++) {
            renderer.setSeriesPaint(d, COLORS[d % COLORS.length]);
            renderer.setSeriesStroke(d, new BasicStroke(1.5f));
            renderer.setSeriesShape(d, new java.awt.geom.Ellipse2D.Double(-2.5, -2.5, 5, 5));
        }
        renderer.setSeriesPaint(index.length, TREND);
        renderer.setSeriesStroke(index.length, new BasicStroke(2.5f));
        renderer.setSeriesShapesVisible(index.length, false);

        NumberAxis x = new NumberAxis(timeLabel);
        x.setAutoRangeIncludesZero(false);
        Charts.style(x);
        LogAxis y = new LogAxis("health index (score / threshold)");
        y.setSmallestValue(1e-3);
        y.setRange(Math.min(low, 1) / 1.3, high * 1.3);
        y.setNumberFormatOverride(new java.text.DecimalFormat("0.###"));
        Charts.style(y);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        Charts.style(plot);
        ValueMarker threshold = new ValueMarker(1, ALARM, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                10f, new float[] {6f, 4f}, 0f));
        threshold.setLabel("threshold");
        threshold.setLabelFont(Charts.TICK_FONT);
        threshold.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        threshold.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        plot.addRangeMarker(threshold);
        if (baseline != null) {
            IntervalMarker normal = new IntervalMarker(baseline[0], baseline[1], new Color(0x2ca02c), new BasicStroke(1f),
                    null, null, 0.12f);
            normal.setLabel("normal (baseline)");
            normal.setLabelFont(Charts.TICK_FONT);
            normal.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            normal.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addDomainMarker(normal);
        }
        if (!Double.isNaN(firstAlarm)) {
            ValueMarker alarm = new ValueMarker(firstAlarm, ALARM, new BasicStroke(2f));
            alarm.setLabel(String.format(Locale.ROOT, "first alarm (%s)",
                    String.format(Locale.ROOT, "%.4g", firstAlarm).replaceAll("\\.?0+$", "")));
            alarm.setLabelFont(Charts.TICK_FONT);
            alarm.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            alarm.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
            plot.addDomainMarker(alarm);
        }
        JFreeChart chart = new JFreeChart(title, Charts.TITLE_FONT, plot, true);
        chart.getLegend().setItemFont(Charts.TICK_FONT);
        Charts.savePng(chart, png, WIDTH, HEIGHT);
    }
}
