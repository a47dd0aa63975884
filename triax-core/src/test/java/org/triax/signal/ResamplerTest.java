package org.triax.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.triax.TriaxException;

class ResamplerTest {

    /** The test signal of the scipy reference values below. */
    private static double[] signal(int n) {
        return IntStream.range(0, n).mapToDouble(i -> Math.sin(0.3 * i) + 0.5 * Math.cos(1.1 * i) + 0.01 * i * i % 3)
                .toArray();
    }

    /**
     * scipy 1.17.1: {@code scipy.signal.resample(x, num)} for
     * {@code x = [sin(0.3 i) + 0.5 cos(1.1 i) + 0.01 i i % 3 for i in range(n)]}: even and odd
     * lengths, shrinking (Nyquist bin folded) and growing (Nyquist bin split).
     */
    @Test
    void matchesScipyResampleForEvenAndOddLengthsBothWays() {
        assertArrayEquals(new double[] {0.03456300763400238, 0.7205990064924575, 1.4551442991599868,
                1.1373375661395877, 1.1327209548848372, 1.1184978039675093, 1.2148873866849523},
                Resampler.resample(signal(20), 7), 1e-12);
        assertArrayEquals(new double[] {0.47617079561534076, 0.32879174976722536, 0.5922943737280033,
                1.5175774308726215, 1.6940362447994266, 0.7128307454918695, 1.2436612779589966, 1.3899702764869233,
                0.8706874496507361, 0.8296319760729678, 2.2502175483793714, -0.2251555403149116},
                Resampler.resample(signal(20), 12), 1e-12);
        assertArrayEquals(new double[] {0.47617079561534076, 0.400721793825908, 0.42054097064110474,
                1.3580832173038246, 1.8006370542112222, 1.0273149901563363, 0.8655859389560374, 1.4188758709747693,
                1.3100093128465737, 0.5696214151685338, 1.3030195384537022, 2.040169600602685, -0.33664330953842087},
                Resampler.resample(signal(20), 13), 1e-12);
        assertArrayEquals(new double[] {0.4999999999999999, 0.5019892179474557, 0.5068377470564617,
                0.26566118770722463, 0.31671029249092997, 0.6897607800447298, 1.1211888989173837, 1.6018298737496848,
                1.8272755887043861, 1.6956663542096817, 1.349434517733232, 0.9660102446777393, 0.788136209313231,
                0.8417498646756539, 1.1433328570538925, 1.4606523351841993, 1.4755912972040717, 1.371955942204177,
                1.0269663525545878, 0.5923183821607388, 0.7250845105041324, 0.9212713535835461, 1.2959239158745663,
                2.4303679942887775, 2.1988544542909505, 0.10290823686249073, -0.6478365917711599,
                0.18535828263056622}, Resampler.resample(signal(20), 28), 1e-12);
        assertArrayEquals(new double[] {0.4461720064331436, 0.28477796590423077, 1.7837199909515373,
                0.8423951430279393, 1.5163152476851018, 0.6628970696757399, 1.7353377286589153,
                0.22875105824804254}, Resampler.resample(signal(21), 8), 1e-12);
        double[] up = Resampler.resample(signal(21), 30);
        assertEquals(30, up.length);
        assertEquals(0.5000000000000006, up[0], 1e-12);
        assertEquals(0.6498362089636025, up[1], 1e-12);
        assertEquals(0.19571468353450197, up[29], 1e-12);
    }

    private static double[] tone(double hz, double fs, int n) {
        return IntStream.range(0, n).mapToDouble(i -> Math.sin(2 * Math.PI * hz * i / fs)).toArray();
    }

    @Test
    void aToneBelowTheNewNyquistKeepsItsFrequencyAndAmplitude() {
        // 50 Hz at 2 kHz, a whole number of periods: resampling to 1 kHz is exact
        double[] y = Resampler.resample(tone(50, 2000, 4000), 2000);
        assertArrayEquals(tone(50, 1000, 2000), y, 1e-9);
    }

    @Test
    void aToneAboveTheNewNyquistIsRemovedNotFoldedBack() {
        // 700 Hz at 2 kHz would alias to 300 Hz at 1 kHz if samples were just dropped
        double[] x = tone(700, 2000, 4000);
        double[] every2nd = IntStream.range(0, 2000).mapToDouble(i -> x[2 * i]).toArray();
        assertTrue(rms(every2nd) > 0.5, "decimation without a low-pass keeps the aliased tone");
        assertEquals(0, rms(Resampler.resample(x, 2000)), 1e-9);
    }

    private static double rms(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return Math.sqrt(s / x.length);
    }

    @Test
    void recordingGetsTheNewRateAndLengthOnEveryChannel() {
        Recording r = new Recording("r.csv", List.of("A", "B"), 48000,
                new double[][] {tone(100, 48000, 4801), tone(200, 48000, 4801)});
        Recording out = Resampler.resample(r, 12000);
        assertEquals(12000, out.sampleRate());
        assertEquals(1200, out.length()); // round(4801 / 4)
        assertEquals(List.of("A", "B"), out.channels());
        assertEquals(out.length(), out.samples()[1].length);
        assertArrayEquals(r.samples()[0], Resampler.resample(r, 48000).samples()[0], 0.0, "same rate: as it is");
    }

    @Test
    void aRecordingWithoutARateCannotBeResampled() {
        Recording r = new Recording("r.csv", List.of("A"), Double.NaN, new double[][] {tone(1, 100, 100)});
        TriaxException e = assertThrows(TriaxException.class, () -> Resampler.resample(r, 1000));
        assertTrue(e.getMessage().startsWith("r.csv: sampling rate unknown") && e.getMessage().contains("--fs"),
                e.getMessage());
    }
}
