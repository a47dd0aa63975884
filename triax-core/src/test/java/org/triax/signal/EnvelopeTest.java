package org.triax.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jtransforms.fft.DoubleFFT_1D;
import org.junit.jupiter.api.Test;
import org.triax.TriaxException;

/** The envelope input: an amplitude-modulated carrier's envelope has its spectral peak at the modulation frequency. */
class EnvelopeTest {
    private static final double FS = 8000;
    private static final int N = 1024; // 7.8125 Hz per bin of the window's FFT

    /** {@code (1 + depth cos(2 pi fm t)) sin(2 pi fc t)}, plus a strong low tone outside the band when asked. */
    private static double[] am(double fc, double fm, double depth, double lowTone, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double t = i / FS;
            x[i] = (1 + depth * Math.cos(2 * Math.PI * fm * t)) * Math.sin(2 * Math.PI * fc * t)
                    + 3 * Math.sin(2 * Math.PI * lowTone * t);
        }
        return x;
    }

    /** Bin of the largest |FFT| of {@code x} among bins 1..n/2 (DC excluded). */
    private static int peakBin(double[] x) {
        double[] a = new double[2 * x.length];
        System.arraycopy(x, 0, a, 0, x.length);
        new DoubleFFT_1D(x.length).realForwardFull(a);
        int best = 1;
        for (int k = 1; k <= x.length / 2; k++) {
            if (Math.hypot(a[2 * k], a[2 * k + 1]) > Math.hypot(a[2 * best], a[2 * best + 1])) {
                best = k;
            }
        }
        return best;
    }

    @Test
    void envelopeOfAnAmplitudeModulatedCarrierPeaksAtTheModulationFrequency() {
        // carrier 2000 Hz (bin 256), modulation 125 Hz (bin 16), a strong 60 Hz shaft tone below the band
        double[] x = am(2000, 125, 0.8, 60, N);
        assertEquals(8, peakBin(x), "the raw spectrum peaks at the low tone (bin 7.7)");
        int[] band = new InputTransform(InputTransform.Kind.ENVELOPE, null, InputTransform.Axis.LINEAR).envelopeBins(N, FS);
        assertEquals(64, band[0], "default band starts at fs/16 = 500 Hz");
        assertEquals(N / 2, band[1]);
        double[] env = new double[N];
        new Envelope(N, band[0], band[1]).apply(x, 0, env);
        assertEquals(16, peakBin(env), "envelope spectrum peaks at 125 Hz");
        double mean = 0;
        for (double v : env) {
            mean += v / N;
        }
        assertEquals(0, mean, 1e-12, "mean removed");
        // away from the window's edges the envelope is 0.8 cos(2 pi 125 t), the modulation itself
        for (int i = N / 20; i < N - N / 20; i++) {
            assertEquals(0.8 * Math.cos(2 * Math.PI * 125 * i / FS), env[i], 0.05, "sample " + i);
        }
    }

    @Test
    void theBandChoosesWhichResonanceIsDemodulated() {
        double[] a = am(1000, 50, 0.9, 1, N);
        double[] b = am(3000, 125, 0.9, 1, N);
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = a[i] + b[i];
        }
        double[] env = new double[N];
        new Envelope(N, bins(2500, 3500)[0], bins(2500, 3500)[1]).apply(x, 0, env);
        assertEquals(16, peakBin(env), "band 2500-3500 Hz: the 3 kHz carrier's 125 Hz modulation");
        new Envelope(N, bins(500, 1500)[0], bins(500, 1500)[1]).apply(x, 0, env);
        assertEquals(Math.round(50 / (FS / N)), peakBin(env), "band 500-1500 Hz: the 1 kHz carrier's 50 Hz modulation");
    }

    private static int[] bins(double lo, double hi) {
        return new InputTransform(InputTransform.Kind.ENVELOPE, new InputTransform.Band(lo, hi), InputTransform.Axis.LINEAR)
                .envelopeBins(N, FS);
    }

    @Test
    void theExtractorsEnvelopeSpectrogramShowsTheModulationWhereThePlainOneShowsTheCarrier() {
        double[][] s = {am(2000, 125, 0.8, 0, 4 * N)};
        Recording r = new Recording("mem", List.of("X"), FS, s);
        StftConfig stft = new StftConfig(256, 192, WindowFunction.HANN, -120, 0, Double.POSITIVE_INFINITY); // 31.25 Hz/bin
        Preprocessing plain = new Preprocessing(List.of("X"), FS, new WindowSpec(N, N), stft);
        Preprocessing envelope = new Preprocessing(List.of("X"), FS, new WindowSpec(N, N), stft,
                new InputTransform(InputTransform.Kind.ENVELOPE, null, InputTransform.Axis.LINEAR));
        assertEquals(plain.tensorSize(), envelope.tensorSize(), "same tensor shape");
        assertEquals(64, strongestBin(plain, r), "plain: the 2000 Hz carrier");
        assertEquals(4, strongestBin(envelope, r), "envelope: the 125 Hz modulation");
    }

    /** The bin (above DC) with the highest dB summed over the frames of the second window. */
    private static int strongestBin(Preprocessing pre, Recording r) {
        float[] t = pre.extractor().window(pre.conform(r), N);
        int best = 1;
        double bestSum = Double.NEGATIVE_INFINITY;
        for (int b = 1; b < pre.bins(); b++) {
            double sum = 0;
            for (int f = 0; f < pre.frames(); f++) {
                sum += t[b * pre.frames() + f];
            }
            if (sum > bestSum) {
                bestSum = sum;
                best = b;
            }
        }
        return best;
    }

    @Test
    void aBandNeedsAKnownSamplingRateAndMustLieBelowNyquist() {
        StftConfig stft = new StftConfig(64, 32, WindowFunction.HANN, -120, 0, Double.POSITIVE_INFINITY);
        InputTransform band = new InputTransform(InputTransform.Kind.ENVELOPE, new InputTransform.Band(100, 300),
                InputTransform.Axis.LINEAR);
        TriaxException unknown = assertThrows(TriaxException.class,
                () -> new Preprocessing(List.of("X"), Double.NaN, new WindowSpec(256, 128), stft, band));
        assertTrue(unknown.getMessage().contains("--band 100.0,300.0 needs a sampling rate: give --fs"), unknown.getMessage());
        TriaxException nyquist = assertThrows(TriaxException.class,
                () -> new Preprocessing(List.of("X"), 500, new WindowSpec(256, 128), stft, band));
        assertTrue(nyquist.getMessage().contains("above the Nyquist frequency 250.0 Hz"), nyquist.getMessage());
        TriaxException empty = assertThrows(TriaxException.class, () -> new Preprocessing(List.of("X"), 1000,
                new WindowSpec(256, 128), stft, new InputTransform(InputTransform.Kind.ENVELOPE,
                        new InputTransform.Band(100, 101), InputTransform.Axis.LINEAR)));
        assertTrue(empty.getMessage().contains("holds no FFT bin"), empty.getMessage());
        // the default band works without a sampling rate: a fraction of it
        Preprocessing ok = new Preprocessing(List.of("X"), Double.NaN, new WindowSpec(256, 128), stft,
                new InputTransform(InputTransform.Kind.ENVELOPE, null, InputTransform.Axis.LINEAR));
        assertEquals(List.of(16, 128), List.of(ok.envelopeBins()[0], ok.envelopeBins()[1]));
    }

    @Test
    void badNamesAndABandWithoutEnvelopeAreOneLineErrors() {
        assertEquals("unknown --input 'hilbert' (spectrogram or envelope)",
                assertThrows(TriaxException.class, () -> InputTransform.parseKind("hilbert")).getMessage());
        assertEquals("unknown --freq-axis 'mel' (linear or log)",
                assertThrows(TriaxException.class, () -> InputTransform.parseAxis("mel")).getMessage());
        assertTrue(assertThrows(TriaxException.class, () -> InputTransform.parseBand("3000")).getMessage()
                .contains("--band '3000' must be LO,HI in Hz"));
        assertTrue(assertThrows(TriaxException.class, () -> InputTransform.parseBand("5000,3000")).getMessage()
                .contains("0 <= LO < HI"));
        assertEquals("--band applies to --input envelope only (got --input spectrogram)", assertThrows(TriaxException.class,
                () -> new InputTransform(InputTransform.Kind.SPECTROGRAM, new InputTransform.Band(1, 2), null)).getMessage());
    }
}
