package org.triax.report;

import java.awt.Color;
import java.awt.Paint;
import java.util.function.DoubleFunction;
import org.jfree.chart.renderer.PaintScale;

/** A JFreeChart paint scale from [lower, upper] onto a colour ramp defined on [0, 1]. */
final class ColorScale implements PaintScale {

    private final double lower;
    private final double upper;
    private final DoubleFunction<Color> ramp;

    /** @param ramp colour of a fraction in [0, 1] */
    ColorScale(double lower, double upper, DoubleFunction<Color> ramp) {
        this.lower = lower;
        this.upper = upper;
        this.ramp = ramp;
    }

    @Override
    public double getLowerBound() {
        return lower;
    }

    @Override
    public double getUpperBound() {
        return upper;
    }

    @Override
    public Paint getPaint(double value) {
        return ramp.apply((value - lower) / (upper - lower));
    }
}
