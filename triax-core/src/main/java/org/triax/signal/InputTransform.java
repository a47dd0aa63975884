package org.triax.signal;

import java.util.Locale;
import org.triax.TriaxException;

/**
 * What the STFT is taken of, and on which frequency axis: part of the preprocessing contract.
 *
 * <ul>
 * <li>{@link Kind#SPECTROGRAM}: the window's samples (the default);</li>
 * <li>{@link Kind#ENVELOPE}: the Hilbert envelope of the window band-passed to {@code band}
 * ({@link Envelope}), mean removed: how a resonance band is modulated, e.g. at a bearing's
 * BPFO/BPFI, which envelope analysis reveals and the raw spectrum hides under shaft and gear
 * components.</li>
 * </ul>
 * {@link Axis#LOG} maps the kept linear bins onto as many log-spaced bins ({@link LogFrequencyBins}):
 * a speed change then moves the spectrum by a shift, which a CNN tolerates better than a stretch.
 *
 * @param band envelope band in Hz; null = the default, {@link #DEFAULT_HIGH_PASS} of the sampling
 *     rate up to Nyquist (a high-pass that drops shaft and gear-mesh frequencies, rig-independent
 *     because it scales with fs; also usable when fs is unknown)
 */
public record InputTransform(Kind kind, Band band, Axis axis) {

    /** What the STFT is taken of. */
    public enum Kind { SPECTROGRAM, ENVELOPE }

    /** The frequency axis of the spectrogram rows. */
    public enum Axis { LINEAR, LOG }

    /** An envelope band-pass, Hz. */
    public record Band(double lowHz, double highHz) {
        public Band {
            if (!(lowHz >= 0) || !(highHz > lowHz) || Double.isInfinite(highHz)) {
                throw new TriaxException("--band " + lowHz + "," + highHz + " must satisfy 0 <= LO < HI (Hz)");
            }
        }
    }

    /** The default envelope band starts at this fraction of the sampling rate (1/8 of Nyquist). */
    public static final double DEFAULT_HIGH_PASS = 1.0 / 16;

    public static final InputTransform DEFAULT = new InputTransform(Kind.SPECTROGRAM, null, Axis.LINEAR);

    public InputTransform {
        kind = kind == null ? Kind.SPECTROGRAM : kind;
        axis = axis == null ? Axis.LINEAR : axis;
        if (band != null && kind != Kind.ENVELOPE) {
            throw new TriaxException("--band applies to --input envelope only (got --input " + label(kind) + ")");
        }
    }

    public boolean isDefault() {
        return equals(DEFAULT);
    }

    /** {@code --input} spelling: spectrogram or envelope. */
    public static Kind parseKind(String name) {
        try {
            return Kind.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TriaxException("unknown --input '" + name + "' (spectrogram or envelope)");
        }
    }

    /** {@code --freq-axis} spelling: linear or log. */
    public static Axis parseAxis(String name) {
        try {
            return Axis.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TriaxException("unknown --freq-axis '" + name + "' (linear or log)");
        }
    }

    /** {@code --band LO,HI} in Hz; null or blank: the default band. */
    public static Band parseBand(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String[] parts = text.split(",");
        try {
            if (parts.length == 2) {
                return new Band(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new TriaxException("--band '" + text + "' must be LO,HI in Hz (e.g. --band 2000,10000)");
    }

    static String label(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** Checks that the envelope band can be applied at {@code fs} Hz (NaN: unknown). */
    public void checkBand(double fs) {
        if (kind == Kind.ENVELOPE) {
            envelopeBins(1 << 20, fs); // a long window: only Nyquist and an unknown fs can refuse here
        }
    }

    /**
     * The envelope band as FFT bins {@code [first, last]} of a window of {@code n} samples at
     * {@code fs} Hz (NaN: unknown, the default band only); checked against Nyquist.
     */
    int[] envelopeBins(int n, double fs) {
        if (band == null) {
            return new int[] {Math.max(1, (int) Math.ceil(n * DEFAULT_HIGH_PASS - 1e-9)), n / 2};
        }
        if (Double.isNaN(fs)) {
            throw new TriaxException("--band " + band.lowHz() + "," + band.highHz() + " needs a sampling rate: give --fs "
                    + "(or fs= in triax.properties), or leave --band out for the default band (above fs/16)");
        }
        if (band.highHz() > fs / 2 * (1 + 1e-9)) {
            throw new TriaxException("--band " + band.lowHz() + "," + band.highHz() + ": HI is above the Nyquist frequency "
                    + fs / 2 + " Hz (fs " + fs + " Hz); give HI <= " + fs / 2);
        }
        int first = Math.max(1, (int) Math.ceil(band.lowHz() * n / fs - 1e-9));
        int last = Math.min(n / 2, (int) Math.floor(band.highHz() * n / fs + 1e-9));
        if (last < first) {
            throw new TriaxException("--band " + band.lowHz() + "," + band.highHz() + " Hz holds no FFT bin of a "
                    + n + "-sample window at fs " + fs + " Hz (" + fs / n + " Hz per bin): widen it");
        }
        return new int[] {first, last};
    }

    /** In words, for the run log: "envelope 3000-24000 Hz, log frequency axis". */
    String describe(int n, double fs) {
        String what = label(kind);
        if (kind == Kind.ENVELOPE) {
            int[] b = envelopeBins(n, fs);
            what += Double.isNaN(fs) ? String.format(Locale.ROOT, " of FFT bins %d-%d of the window", b[0], b[1])
                    : String.format(Locale.ROOT, " of %.6g-%.6g Hz", b[0] * fs / n, b[1] * fs / n);
            what += band == null ? " (default band: above fs/16)" : "";
        }
        return what + ", " + label(axis) + " frequency axis";
    }
}
