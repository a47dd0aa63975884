package org.triax.signal;

import java.util.List;
import org.triax.TriaxException;

/**
 * The contract that turns a raw recording into network input: which channels in which order, at
 * which sampling rate, cut into which windows, transformed how (plain or envelope, linear or log
 * frequency axis) by which STFT. Saved with every model so that prediction rebuilds exactly the
 * training input.
 *
 * @param channels channel names in network order
 * @param sampleRate Hz, NaN when the data did not say (frequency axis then in bins)
 * @param resample true when recordings at another rate are resampled to {@code sampleRate}
 *     ({@link Resampler}; {@code --resample}); false: another rate is an error. Models saved
 *     before this field existed read as false, which is what they did.
 * @param transform what the STFT is taken of and on which axis (null, as in model files written
 *     before it existed: {@link InputTransform#DEFAULT})
 */
public record Preprocessing(List<String> channels, double sampleRate, WindowSpec window, StftConfig stft,
                            boolean resample, InputTransform transform) {
    /**
     * The channel of datasets whose recordings hold one channel each under different names
     * ({@code data1}, {@code sig_0917}): a model with only this channel takes any recording that
     * holds exactly one channel, whatever its name.
     */
    public static final String ONLY_CHANNEL = "ch0";

    public Preprocessing {
        channels = List.copyOf(channels);
        transform = transform == null ? InputTransform.DEFAULT : transform;
        if (channels.isEmpty()) {
            throw new TriaxException("no channels selected");
        }
        if (stft.segment() > window.length()) {
            throw new TriaxException("STFT segment (" + stft.segment() + ") is longer than the window ("
                    + window.length() + " samples)");
        }
        stft.checkRange(sampleRate);
        if (resample && Double.isNaN(sampleRate)) {
            throw new TriaxException("resampling needs a target rate in Hz");
        }
        if (transform.kind() == InputTransform.Kind.ENVELOPE) {
            transform.envelopeBins(window.length(), sampleRate); // checks the band
        }
        if (transform.axis() == InputTransform.Axis.LOG) {
            new LogFrequencyBins(stft.firstBin(sampleRate), stft.lastBin(sampleRate)); // checks there is a log axis
        }
    }

    /** The plain spectrogram on the linear axis, without resampling: recordings must be at {@code sampleRate} (or not say). */
    public Preprocessing(List<String> channels, double sampleRate, WindowSpec window, StftConfig stft) {
        this(channels, sampleRate, window, stft, false, InputTransform.DEFAULT);
    }

    /** The plain spectrogram on the linear axis. */
    public Preprocessing(List<String> channels, double sampleRate, WindowSpec window, StftConfig stft, boolean resample) {
        this(channels, sampleRate, window, stft, resample, InputTransform.DEFAULT);
    }

    /** Without resampling. */
    public Preprocessing(List<String> channels, double sampleRate, WindowSpec window, StftConfig stft,
                         InputTransform transform) {
        this(channels, sampleRate, window, stft, false, transform);
    }

    /**
     * The same contract, resampling recordings at other rates to {@code hz}, which must be this
     * contract's rate (a model takes input at the rate it was trained at only); NaN: this contract.
     */
    public Preprocessing withResample(double hz) {
        if (Double.isNaN(hz)) {
            return this;
        }
        if (Double.isNaN(sampleRate)) {
            throw new TriaxException("--resample " + formatHz(hz) + ": the model was trained at an unknown sampling "
                    + "rate, so there is no rate to resample to; leave --resample out");
        }
        if (Math.abs(hz - sampleRate) > 1e-6 * sampleRate) {
            throw new TriaxException("--resample " + formatHz(hz) + ": the model was trained at " + sampleRate
                    + " Hz and takes recordings at that rate only; use --resample " + formatHz(sampleRate));
        }
        return new Preprocessing(channels, sampleRate, window, stft, true, transform);
    }

    public int channelCount() {
        return channels.size();
    }

    public int frames() {
        return stft.frames(window.length());
    }

    public int bins() {
        return stft.lastBin(sampleRate) - stft.firstBin(sampleRate) + 1;
    }

    /** Floats per window tensor: channels x bins x frames. */
    public int tensorSize() {
        return channelCount() * bins() * frames();
    }

    /** The envelope band as FFT bins {@code [first, last]} of one window; null unless the input is the envelope. */
    public int[] envelopeBins() {
        return transform.kind() == InputTransform.Kind.ENVELOPE ? transform.envelopeBins(window.length(), sampleRate)
                : null;
    }

    /** The log frequency axis of the spectrogram rows; null on the linear axis. */
    public LogFrequencyBins logBins() {
        return transform.axis() == InputTransform.Axis.LOG
                ? new LogFrequencyBins(stft.firstBin(sampleRate), stft.lastBin(sampleRate)) : null;
    }

    /** The input transform in words, for the run log. */
    public String describeTransform() {
        return transform.describe(window.length(), sampleRate);
    }

    /**
     * Brings a recording into this contract: selects and orders the channels, brings it to the
     * sampling rate, and checks it holds at least one window.
     */
    public Recording conform(Recording r) {
        Recording selected = conformRate(r.select(channels));
        checkLength(r.source(), selected.length());
        return selected;
    }

    /**
     * The length {@link #conform} gives a recording of {@code length} samples at {@code rate} Hz
     * (NaN: unknown), found without its samples; refused as {@link #conform} refuses it.
     */
    public int conformedLength(String source, int length, double rate) {
        boolean resampled = !Double.isNaN(sampleRate) && !Double.isNaN(rate) && resamples(source, rate);
        int n = resampled ? Resampler.length(source, length, rate, sampleRate) : length;
        checkLength(source, n);
        return n;
    }

    /** Refuses a recording of {@code length} samples (at this contract's rate) that holds no window. */
    public void checkLength(String source, long length) {
        if (length < window.length()) {
            throw new TriaxException(source + ": " + length + " samples is shorter than one window ("
                    + window.length() + " samples)");
        }
    }

    /**
     * The recording at this contract's rate: a recording that states none is taken to be at it, one
     * at another rate is resampled when {@link #resample()} and refused otherwise.
     */
    public Recording conformRate(Recording r) {
        if (Double.isNaN(sampleRate)) {
            return r;
        }
        if (!r.hasSampleRate()) {
            return r.withSampleRate(sampleRate);
        }
        return resamples(r.source(), r.sampleRate()) ? Resampler.resample(r, sampleRate) : r;
    }

    /**
     * True when a recording sampled at {@code rate} Hz (NaN: unknown, taken to be this contract's)
     * is resampled to this contract's rate; false when it is taken as it is.
     *
     * @throws TriaxException when it is at another rate and this contract does not resample
     */
    public boolean resamples(String source, double rate) {
        if (Double.isNaN(sampleRate) || Double.isNaN(rate) || Math.abs(rate - sampleRate) <= 1e-6 * sampleRate) {
            return false;
        }
        if (resample) {
            return true;
        }
        throw new TriaxException(source + ": sampled at " + rate + " Hz, the model expects "
                + sampleRate + " Hz; add --resample " + formatHz(sampleRate) + " to resample it");
    }

    /**
     * The recording's one channel renamed {@link #ONLY_CHANNEL} when this contract's only channel
     * is that and the recording holds exactly one channel under another name (noted); otherwise
     * the recording as it is.
     */
    public Recording asOnlyChannel(Recording r, ReadNotes notes) {
        if (channels.size() != 1 || !channels.get(0).equalsIgnoreCase(ONLY_CHANNEL) || r.channelCount() != 1
                || r.channels().get(0).equalsIgnoreCase(ONLY_CHANNEL)) {
            return r;
        }
        notes.add(r.source(), "one channel, named otherwise: read as the model's one channel " + ONLY_CHANNEL);
        return r.withChannelNames(channels);
    }

    /** 12000.0 as 12000, for a command line. */
    public static String formatHz(double hz) {
        return hz == Math.rint(hz) && Math.abs(hz) < 1e15 ? Long.toString((long) hz) : Double.toString(hz);
    }

    /** An extractor bound to this contract (it holds the FFT plans; share it between threads). */
    public SpectrogramExtractor extractor() {
        return new SpectrogramExtractor(this);
    }
}
