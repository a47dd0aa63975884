package org.triax.report;

import java.awt.Color;

/**
 * The viridis colormap: perceptually uniform with luminance rising monotonically, so a heat map
 * stays readable in greyscale and for colour-blind readers.
 */
final class Viridis {

    /** matplotlib's viridis at 0, 0.1, ..., 1; interpolating between them is indistinguishable by eye. */
    private static final int[] STOPS = {
        0x440154, 0x482475, 0x414487, 0x355f8d, 0x2a788e, 0x21918c,
        0x22a884, 0x44bf70, 0x7ad151, 0xbddf26, 0xfde725,
    };

    private Viridis() {
    }

    /** The colour at {@code t} in [0, 1]; values outside are clamped and NaN maps to the low end. */
    static Color at(double t) {
        double x = Double.isNaN(t) ? 0 : Math.min(1, Math.max(0, t)) * (STOPS.length - 1);
        int i = Math.min((int) x, STOPS.length - 2);
        return mix(new Color(STOPS[i]), new Color(STOPS[i + 1]), x - i);
    }

    static Color mix(Color a, Color b, double f) {
        return new Color(
                (int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }

    /** Rec. 709 luma of the gamma-encoded colour, in [0, 1]. */
    static double luma(Color c) {
        return (0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue()) / 255;
    }
}
