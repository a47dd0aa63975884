package org.triax.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** ROC curves of anomaly detectors (one per detector and unit), the chance diagonal and the partial-AUC range. */
public final class RocPlot {
    static final int SIZE = 800;
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0x2ca02c), new Color(0x9467bd), new Color(0xff7f0e)};

    private RocPlot() {
    }

    /** One curve: its legend label and its corners (false- and true-positive rates from 0 to 1). */
    public record Curve(String label, double[] fpr, double[] tpr, boolean dashed) {
    }

    /** @param maxFpr right edge of the shaded partial-AUC range */
    public static void write(Path png, String title, List<Curve> curves, double maxFpr) {
        Charts.headless();
        Charts.require(!curves.isEmpty(), "no ROC curves to plot");
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int k = 0; k < curves.size(); k++) {
            Curve c = curves.get(k);
            Charts.require(c.fpr().length == c.tpr().length && c.fpr().length >= 2, c.label() + ": bad ROC corners");
            XYSeries s = new XYSeries(c.label(), false, true);
            for (int i = 0; i < c.fpr().length; i++) {
                s.add(c.fpr()[i], c.tpr()[i]);
            }
            data.addSeries(s);
            renderer.setSeriesPaint(k, COLORS[(k / 2) % COLORS.length]);
            renderer.setSeriesStroke(k, c.dashed() ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {7f, 4f}, 0f) : new BasicStroke(2.5f));
        }
        NumberAxis x = new NumberAxis("false-positive rate (normal alarmed)");
        NumberAxis y = new NumberAxis("true-positive rate (anomalous alarmed)");
        for (NumberAxis a : List.of(x, y)) {
            a.setRange(-0.01, 1.01);
            Charts.style(a);
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        Charts.style(plot);
        plot.addAnnotation(new XYLineAnnotation(0, 0, 1, 1, new BasicStroke(1f), Color.GRAY));
        IntervalMarker partial = new IntervalMarker(0, maxFpr, new Color(0xffd54f), new BasicStroke(1f), null, null, 0.25f);
        partial.setLabel("partial AUC range");
        partial.setLabelFont(Charts.TICK_FONT);
        partial.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
        partial.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        plot.addDomainMarker(partial);
        JFreeChart chart = new JFreeChart(title, Charts.TITLE_FONT, plot, true);
        chart.getLegend().setItemFont(Charts.TICK_FONT);
        Charts.savePng(chart, png, SIZE, SIZE);
    }
}
