package org.triax.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.triax.TriaxException;

class StftTest {

    private static double[] sine(double freq, double fs, int n, double amplitude) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = amplitude * Math.sin(2 * Math.PI * freq * i / fs);
        }
        return x;
    }

    @ParameterizedTest
    @CsvSource({"128, 1000, 125.0", "256, 48000, 3000", "64, 1, 0.25", "128, 5120, 800"})
    void sinePeaksAtItsFrequencyBin(int segment, double fs, double freq) {
        Stft stft = new Stft(new StftConfig(segment, segment / 2, WindowFunction.HANN, -200, 0,
                Double.POSITIVE_INFINITY), fs);
        double[][] psd = stft.powerDensity(sine(freq, fs, segment * 8, 1.0));
        int expected = (int) Math.round(freq * segment / fs);
        for (double[] frame : psd) {
            int argmax = 0;
            for (int k = 1; k < frame.length; k++) {
                if (frame[k] > frame[argmax]) {
                    argmax = k;
                }
            }
            assertEquals(expected, argmax);
        }
    }

    @Test
    void parsevalPsdIntegratesToWindowedMeanPower() {
        // sum(PSD) * df equals sum((x-mean)^2 w^2) / sum(w^2): the taper-weighted mean power
        Random rnd = new Random(7);
        double fs = 2000;
        int n = 256;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextGaussian() + 0.3 * Math.sin(2 * Math.PI * 50 * i / fs) + 2.0;
        }
        for (WindowFunction wf : WindowFunction.values()) {
            Stft stft = new Stft(new StftConfig(n, 0, wf, -300, 0, Double.POSITIVE_INFINITY), fs);
            double[] psd = stft.powerDensity(x)[0];
            double integral = 0;
            for (double p : psd) {
                integral += p * fs / n;
            }
            double[] w = wf.coefficients(n);
            double mean = 0;
            for (double v : x) {
                mean += v / n;
            }
            double num = 0;
            double den = 0;
            for (int i = 0; i < n; i++) {
                num += (x[i] - mean) * (x[i] - mean) * w[i] * w[i];
                den += w[i] * w[i];
            }
            assertEquals(num / den, integral, 1e-9 * num / den, wf.name());
        }
    }

    @Test
    void sineAmplitudeGivesExpectedDensityLevel() {
        // a bin-centred sine of amplitude A has power A^2/2 spread over the taper's bandwidth
        double fs = 1024;
        int n = 128;
        double[] x = sine(64, fs, n, 2.0);
        Stft stft = new Stft(new StftConfig(n, 0, WindowFunction.RECTANGULAR, -300, 0,
                Double.POSITIVE_INFINITY), fs);
        double[] psd = stft.powerDensity(x)[0];
        assertEquals(2.0 * 2.0 / 2, psd[8] * fs / n, 1e-9);
    }

    @Test
    void frequencyRangeKeepsOnlyBinsInside() {
        StftConfig cfg = new StftConfig(128, 64, WindowFunction.HANN, -120, 100, 300);
        Stft stft = new Stft(cfg, 1280); // df = 10 Hz: bins 10..30
        assertEquals(10, stft.firstBin());
        assertEquals(21, stft.bins());
        float[][] db = stft.spectrogramDb(sine(200, 1280, 1280, 1));
        assertEquals(21, db.length);
        assertEquals(cfg.frames(1280), db[0].length);
        int argmax = 0;
        for (int b = 1; b < db.length; b++) {
            if (db[b][3] > db[argmax][3]) {
                argmax = b;
            }
        }
        assertEquals(10, argmax); // 200 Hz is bin 20, the 11th kept row
    }

    @Test
    void dbValuesAreClippedAtTheFloor() {
        Stft stft = new Stft(new StftConfig(64, 32, WindowFunction.HANN, -40, 0, Double.POSITIVE_INFINITY), 1);
        float[][] db = stft.spectrogramDb(new double[640]); // silence
        for (float[] row : db) {
            for (float v : row) {
                assertEquals(-40f, v);
            }
        }
    }

    @Test
    void impossibleParametersAreRejected() {
        assertThrows(TriaxException.class, () -> new StftConfig(128, 128, WindowFunction.HANN, -120, 0, 1e9));
        assertThrows(TriaxException.class, () -> new StftConfig(127, 0, WindowFunction.HANN, -120, 0, 1e9));
        assertThrows(TriaxException.class, () -> new StftConfig(128, -1, WindowFunction.HANN, -120, 0, 1e9));
        assertThrows(TriaxException.class, () -> new StftConfig(128, 0, WindowFunction.HANN, -120, 300, 100));
        StftConfig ranged = new StftConfig(128, 0, WindowFunction.HANN, -120, 10, 100);
        TriaxException e = assertThrows(TriaxException.class, () -> new Stft(ranged, Double.NaN));
        assertTrue(e.getMessage().contains("sampling rate"));
    }
}
