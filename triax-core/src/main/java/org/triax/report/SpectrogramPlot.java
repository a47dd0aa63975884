package org.triax.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;

/** Spectrogram images: one channel as a dB heat map with axes, or up to three channels as RGB. */
public final class SpectrogramPlot {

    static final int WIDTH = 1000;
    static final int HEIGHT = 600;
    /** The fused heat map is upscaled until each side reaches at least this many pixels. */
    static final int MIN_FUSED_SIDE = 512;
    private static final int PAD = 16;
    private static final int TITLE_STRIP = 44;
    private static final int LEGEND_STRIP = 40;
    private static final Color[] RGB = {Color.RED, Color.GREEN, Color.BLUE};

    private SpectrogramPlot() {
    }

    /**
     * Writes one channel as a heat map with a dB colour bar. Axes are in Hz and seconds, or in
     * frequency bins and frames when {@code sampleRate} is NaN.
     *
     * @param db {@code db[frequencyBin][frame]} in dB; -Inf and NaN are drawn in the lowest colour
     * @param sampleRate Hz, or NaN when unknown
     * @param hopSamples samples between frame starts
     * @param segmentSamples samples per frame (the FFT length)
     * @throws IllegalArgumentException if {@code db} is empty, ragged or has no finite value, or a
     *     rate or length is not positive
     */
    public static void writeChannel(Path png, float[][] db, double sampleRate, int hopSamples,
            int segmentSamples, String title) {
        Charts.headless();
        int frames = checkRectangular(db, "spectrogram");
        Charts.require(Double.isNaN(sampleRate) || (sampleRate > 0 && Double.isFinite(sampleRate)),
                "sample rate must be positive or NaN, got " + sampleRate);
        Charts.require(hopSamples > 0 && segmentSamples > 0,
                "hop and segment must be positive, got " + hopSamples + " and " + segmentSamples);
        float[] range = finiteRange(db);
        Charts.require(range != null, "spectrogram has no finite value");

        boolean physical = !Double.isNaN(sampleRate);
        double binStep = physical ? sampleRate / segmentSamples : 1;
        double frameStep = physical ? hopSamples / sampleRate : 1;
        double firstFrame = physical ? segmentSamples / 2.0 / sampleRate : 0;
        int bins = db.length;
        double[][] cells = new double[3][bins * frames];
        for (int k = 0; k < bins; k++) {
            for (int j = 0; j < frames; j++) {
                int i = k * frames + j;
                cells[0][i] = firstFrame + j * frameStep;
                cells[1][i] = k * binStep;
                cells[2][i] = db[k][j];
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("dB", cells);

        NumberAxis time = new NumberAxis(physical ? "time (s)" : "frame");
        time.setRange(firstFrame - frameStep / 2, firstFrame + (frames - 0.5) * frameStep);
        NumberAxis frequency = new NumberAxis(physical ? "frequency (Hz)" : "frequency bin");
        frequency.setRange(-binStep / 2, (bins - 0.5) * binStep);
        Charts.style(time);
        Charts.style(frequency);

        // A constant spectrogram still needs a non-empty colour range.
        double low = range[0];
        double high = range[1] > range[0] ? range[1] : range[0] + 1;
        ColorScale scale = new ColorScale(low, high, Viridis::at);
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setBlockWidth(frameStep);
        renderer.setBlockHeight(binStep);
        renderer.setPaintScale(scale);
        XYPlot plot = new XYPlot(data, time, frequency, renderer);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);

        NumberAxis dbAxis = new NumberAxis("dB");
        dbAxis.setRange(low, high);
        Charts.style(dbAxis);
        PaintScaleLegend colourBar = new PaintScaleLegend(scale, dbAxis);
        colourBar.setPosition(RectangleEdge.RIGHT);
        colourBar.setStripWidth(18);
        colourBar.setMargin(new RectangleInsets(40, 12, 60, 12));
        colourBar.setBackgroundPaint(Color.WHITE);

        JFreeChart chart = new JFreeChart(title, Charts.TITLE_FONT, plot, false);
        chart.addSubtitle(colourBar);
        chart.setAntiAlias(false); // neighbouring blocks must not leave hairline seams
        Charts.savePng(chart, png, WIDTH, HEIGHT);
    }

    /**
     * Writes up to three channels as one RGB image, the view a fused model sees: channel 0 red,
     * 1 green, 2 blue, each min-max scaled on its own (a constant channel is black), low
     * frequencies at the bottom, enlarged without smoothing so single bins stay visible.
     *
     * @param db {@code db[channel][frequencyBin][frame]}; channels beyond the third are ignored
     * @param channelNames one name per channel, shown in the legend
     * @throws IllegalArgumentException if {@code db} is empty or ragged, channels differ in size,
     *     or the names do not match the channels
     */
    public static void writeFused(Path png, float[][][] db, List<String> channelNames, String title) {
        Charts.headless();
        Charts.require(db.length >= 1, "no channels");
        Charts.require(channelNames.size() == db.length,
                channelNames.size() + " channel names for " + db.length + " channels");
        int bins = db[0].length;
        int frames = checkRectangular(db[0], "channel " + channelNames.get(0));
        for (int c = 1; c < db.length; c++) {
            String name = "channel " + channelNames.get(c);
            Charts.require(db[c].length == bins && checkRectangular(db[c], name) == frames,
                    name + " differs in size from channel " + channelNames.get(0));
        }
        Charts.savePng(fusedImage(db, channelNames, title), png);
    }

    private static BufferedImage fusedImage(float[][][] db, List<String> names, String title) {
        int bins = db[0].length;
        int frames = db[0][0].length;
        int[] rgb = new int[bins * frames];
        for (int c = 0; c < Math.min(3, db.length); c++) {
            float[] range = finiteRange(db[c]);
            double low = range == null ? 0 : range[0];
            double span = range == null ? 0 : range[1] - range[0];
            int shift = 16 - 8 * c;
            for (int k = 0; k < bins; k++) {
                int y = bins - 1 - k; // low frequencies at the bottom
                for (int j = 0; j < frames; j++) {
                    double v = db[c][k][j];
                    int level = span > 0 && Double.isFinite(v) ? (int) Math.round(255 * (v - low) / span) : 0;
                    rgb[y * frames + j] |= level << shift;
                }
            }
        }
        BufferedImage heat = new BufferedImage(frames, bins, BufferedImage.TYPE_INT_RGB);
        heat.setRGB(0, 0, frames, bins, rgb, 0, frames);

        int heatWidth = frames * upscale(frames);
        int heatHeight = bins * upscale(bins);
        String legend = legend(names);
        int width = Math.max(heatWidth, Math.max(Charts.textWidth(Charts.TITLE_FONT, title),
                Charts.textWidth(Charts.LABEL_FONT, legend) + 3 * 22)) + 2 * PAD;
        int height = TITLE_STRIP + heatHeight + LEGEND_STRIP;
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
                    RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.drawImage(heat, (width - heatWidth) / 2, TITLE_STRIP, heatWidth, heatHeight, null);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            g.setFont(Charts.TITLE_FONT);
            g.drawString(title, (width - Charts.textWidth(Charts.TITLE_FONT, title)) / 2, 30);
            drawLegend(g, names, PAD, TITLE_STRIP + heatHeight + 27);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** "R: x   G: y   B: z", each entry after a swatch of its colour. */
    private static void drawLegend(Graphics2D g, List<String> names, int x, int baseline) {
        g.setFont(Charts.LABEL_FONT);
        for (int c = 0; c < Math.min(3, names.size()); c++) {
            g.setColor(RGB[c]);
            g.fillRect(x, baseline - 13, 14, 14);
            x += 22;
            String entry = legendEntry(c, names.get(c));
            g.setColor(Color.BLACK);
            g.drawString(entry, x, baseline);
            x += Charts.textWidth(Charts.LABEL_FONT, entry);
        }
    }

    private static String legend(List<String> names) {
        StringBuilder text = new StringBuilder();
        for (int c = 0; c < Math.min(3, names.size()); c++) {
            text.append(legendEntry(c, names.get(c)));
        }
        return text.toString();
    }

    private static String legendEntry(int channel, String name) {
        return "RGB".charAt(channel) + ": " + name + "    ";
    }

    /** Integer factor that brings {@code n} pixels up to {@link #MIN_FUSED_SIDE}, at least 1. */
    static int upscale(int n) {
        return Math.max(1, (MIN_FUSED_SIDE + n - 1) / n);
    }

    /** Returns the row length after checking that {@code rows} is non-empty and rectangular. */
    private static int checkRectangular(float[][] rows, String what) {
        Charts.require(rows.length >= 1 && rows[0].length >= 1, what + " is empty");
        for (int k = 1; k < rows.length; k++) {
            Charts.require(rows[k].length == rows[0].length, what + ": frequency bin " + k + " has "
                    + rows[k].length + " frames, bin 0 has " + rows[0].length);
        }
        return rows[0].length;
    }

    /** {min, max} over the finite values, or null when there are none. */
    private static float[] finiteRange(float[][] rows) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float[] row : rows) {
            for (float v : row) {
                if (Float.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return min <= max ? new float[] {min, max} : null;
    }
}
