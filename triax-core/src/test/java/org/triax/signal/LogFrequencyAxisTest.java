package org.triax.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.triax.TriaxException;

/** The log frequency axis: a change of speed (all frequencies times a) becomes a constant shift of rows. */
class LogFrequencyAxisTest {
    private static final double FS = 10000;
    private static final int SEGMENT = 256; // 129 bins, 39.0625 Hz each

    private static Preprocessing pre(InputTransform.Axis axis) {
        return new Preprocessing(List.of("X"), FS, new WindowSpec(1024, 512),
                new StftConfig(SEGMENT, 192, WindowFunction.HANN, -120, 0, Double.POSITIVE_INFINITY),
                new InputTransform(InputTransform.Kind.SPECTROGRAM, null, axis));
    }

    /** Row of the spectral peak of a tone at {@code f} Hz, to a fraction of a row (parabola through the dB peak). */
    private static double peakRow(Preprocessing pre, double f) {
        double[] x = new double[1024];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.sin(2 * Math.PI * f * i / FS + 0.3);
        }
        float[] t = pre.extractor().window(new Recording("tone", List.of("X"), FS, new double[][] {x}), 0);
        int frames = pre.frames();
        double[] row = new double[pre.bins()];
        for (int b = 0; b < row.length; b++) {
            for (int fr = 0; fr < frames; fr++) {
                row[b] += t[b * frames + fr] / frames;
            }
        }
        int m = 1;
        for (int b = 1; b < row.length - 1; b++) {
            if (row[b] > row[m]) {
                m = b;
            }
        }
        double a = row[m - 1];
        double b = row[m];
        double c = row[m + 1];
        return m + 0.5 * (a - c) / (a - 2 * b + c);
    }

    @Test
    void aToneAtFAndAt105FAreAConstantNumberOfLogRowsApart() {
        Preprocessing log = pre(InputTransform.Axis.LOG);
        Preprocessing linear = pre(InputTransform.Axis.LINEAR);
        assertEquals(linear.bins(), log.bins(), "as many log rows as linear ones");
        // rows 0..128 span bins 1..128: ratio 128^(1/128) per row, so a factor 1.05 is ln 1.05 / ln r rows
        double expected = Math.log(1.05) / (Math.log(128) / 128);
        // tones where log rows are at least a linear bin wide (above ~26 bins = 1 kHz here): below that a row
        // interpolates between linear bins, and no axis can place a tone finer than the STFT resolves it
        double[] linearShift = new double[3];
        int k = 0;
        for (double f : new double[] {1200, 2000, 3200}) {
            double shift = peakRow(log, 1.05 * f) - peakRow(log, f);
            assertEquals(expected, shift, 0.15, "log rows between " + f + " Hz and 1.05 x");
            linearShift[k++] = peakRow(linear, 1.05 * f) - peakRow(linear, f);
        }
        // on the linear axis the same speed change moves a high tone further than a low one
        assertEquals(0.05 * 1200 / (FS / SEGMENT), linearShift[0], 0.15);
        assertEquals(0.05 * 3200 / (FS / SEGMENT), linearShift[2], 0.15);
        assertTrue(linearShift[2] > 2.5 * linearShift[0]);
    }

    @Test
    void everyLogRowIsAWeightedMeanOfLinearBins() {
        LogFrequencyBins bins = new LogFrequencyBins(0, 64);
        assertEquals(65, bins.count());
        double[] c = bins.centers();
        assertEquals(1, c[0], 1e-12, "DC has no place on a log axis");
        assertEquals(64, c[64], 1e-12);
        double[] flat = new double[65];
        java.util.Arrays.fill(flat, 3.5);
        for (int j = 0; j < 65; j++) {
            assertEquals(3.5, bins.power(flat, j), 1e-12, "weights sum to 1 (row " + j + ")");
            assertTrue(bins.halfWidths()[j] >= 1);
            if (j > 0) {
                assertEquals(c[1] / c[0], c[j] / c[j - 1], 1e-9, "geometric spacing");
            }
        }
        double[] ramp = new double[65];
        for (int k = 0; k < 65; k++) {
            ramp[k] = k;
        }
        // linear interpolation where rows are narrower than bins (exact on a ramp), a symmetric pool elsewhere
        // (centred to a small fraction of a bin, where the pool is not cut by the top of the range)
        for (int j = 0; j < 65; j++) {
            double h = bins.halfWidths()[j];
            if (c[j] + h <= 64) {
                assertEquals(c[j], bins.power(ramp, j), h == 1 ? 1e-9 : 0.1, "row " + j);
            }
        }
    }

    @Test
    void aLogAxisNeedsTwoNonzeroBins() {
        TriaxException e = assertThrows(TriaxException.class, () -> new LogFrequencyBins(0, 1));
        assertTrue(e.getMessage().contains("a log frequency axis needs at least 2 nonzero bins"), e.getMessage());
    }
}
