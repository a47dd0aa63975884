package org.triax.signal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.triax.TriaxException;

/**
 * The condition indicators a vibration engineer checks first, per window of one channel:
 * RMS, peak, crest factor and kurtosis of the window (its mean removed: an offset or gravity is
 * not vibration), and the energy in {@code bands} equal-width frequency bands in dB. The band
 * energies come from Welch's PSD of the window with the preprocessing's STFT segments and taper
 * at half overlap ({@link Stft#meanPowerDensity}), over the bins the STFT keeps (DC left out), so
 * they describe the spectrum the spectrogram shows. One instance is safe to share between threads.
 */
public final class ConditionIndicators {
    /** Bands per channel unless told otherwise: 8 is enough to tell resonance bands apart. */
    public static final int DEFAULT_BANDS = 8;
    /** Time-domain indicators per channel, before the bands. */
    public static final List<String> TIME_DOMAIN = List.of("rms", "peak", "crest", "kurtosis");

    private final Stft stft;
    private final int bands;
    private final int window;
    /** Band b covers PSD bins {@code [edges[b], edges[b + 1])}. */
    private final int[] edges;
    /** Hz per PSD bin (per cycle/sample when the rate is unknown): PSD x bin width = mean square. */
    private final double binWidth;
    private final double dbFloor;
    private final double sampleRate;

    public ConditionIndicators(Preprocessing pre, int bands) {
        StftConfig s = pre.stft();
        // Welch's usual half overlap: a Hann taper loses almost nothing at 50 %, and the window needs a
        // quarter of the FFTs of the spectrogram's 7/8 overlap (which is there for time resolution)
        this.stft = new Stft(new StftConfig(s.segment(), s.segment() / 2, s.window(), s.dbFloor(), s.fmin(), s.fmax()),
                pre.sampleRate());
        this.bands = bands;
        this.window = pre.window().length();
        this.sampleRate = pre.sampleRate();
        int first = Math.max(1, stft.firstBin());
        int last = stft.firstBin() + stft.bins() - 1;
        int bins = last - first + 1;
        if (bands < 1 || bands > bins) {
            throw new TriaxException("condition indicators: " + bands + " bands do not fit the " + bins
                    + " frequency bins of STFT segment " + pre.stft().segment() + " (use 1.." + bins + " bands)");
        }
        this.edges = new int[bands + 1];
        for (int b = 0; b <= bands; b++) {
            edges[b] = first + (int) Math.round((double) b * bins / bands);
        }
        this.binWidth = (Double.isNaN(sampleRate) ? 1.0 : sampleRate) / pre.stft().segment();
        this.dbFloor = pre.stft().dbFloor();
    }

    /** Indicators per channel: the time-domain ones, then the bands. */
    public int perChannel() {
        return TIME_DOMAIN.size() + bands;
    }

    /** Names of one channel's indicators, e.g. {@code rms}, {@code band3_dB}. */
    public List<String> names() {
        List<String> names = new ArrayList<>(TIME_DOMAIN);
        for (int b = 1; b <= bands; b++) {
            names.add("band" + b + "_dB");
        }
        return names;
    }

    /** Each band's range in words (Hz when the rate is known, else PSD bins). */
    public List<String> bandRanges() {
        List<String> out = new ArrayList<>();
        for (int b = 0; b < bands; b++) {
            double lo = edges[b] - 0.5;
            double hi = edges[b + 1] - 0.5;
            out.add(Double.isNaN(sampleRate) ? String.format(Locale.ROOT, "bins %d-%d", edges[b], edges[b + 1] - 1)
                    : String.format(Locale.ROOT, "%.0f-%.0f Hz", lo * binWidth, hi * binWidth));
        }
        return out;
    }

    /**
     * Writes the indicators of {@code x[from, from + window)} into {@code out} at {@code offset}:
     * RMS, peak (largest |x - mean|), crest factor (peak / RMS), kurtosis (fourth moment over
     * variance squared: 3 for Gaussian noise, higher for impacts), then the band energies in dB
     * (mean square in the band, clipped at the STFT's dB floor). A silent window has RMS, peak,
     * crest and kurtosis 0.
     */
    public void compute(double[] x, int from, double[] out, int offset) {
        double mean = 0;
        for (int i = from; i < from + window; i++) {
            mean += x[i];
        }
        mean /= window;
        double m2 = 0;
        double m4 = 0;
        double peak = 0;
        for (int i = from; i < from + window; i++) {
            double d = x[i] - mean;
            double d2 = d * d;
            m2 += d2;
            m4 += d2 * d2;
            peak = Math.max(peak, Math.abs(d));
        }
        m2 /= window;
        m4 /= window;
        double rms = Math.sqrt(m2);
        out[offset] = rms;
        out[offset + 1] = peak;
        out[offset + 2] = rms > 0 ? peak / rms : 0;
        out[offset + 3] = m2 > 0 ? m4 / (m2 * m2) : 0;
        double[] psd = new double[stft.config().segment() / 2 + 1];
        stft.meanPowerDensity(x, from, window, psd);
        for (int b = 0; b < bands; b++) {
            double energy = 0;
            for (int k = edges[b]; k < edges[b + 1]; k++) {
                energy += psd[k];
            }
            energy *= binWidth;
            out[offset + TIME_DOMAIN.size() + b] = Math.max(Decibels.fromPower(Math.max(energy, 1e-300)), dbFloor);
        }
    }

    /** The indicators of every channel of the window at {@code start} of a conformed recording, channel after channel. */
    public double[] window(Recording r, int start) {
        double[] out = new double[r.channelCount() * perChannel()];
        for (int c = 0; c < r.channelCount(); c++) {
            compute(r.samples()[c], start, out, c * perChannel());
        }
        return out;
    }
}
