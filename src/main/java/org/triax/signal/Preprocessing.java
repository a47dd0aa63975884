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
 * @param transform what the STFT is taken of and on which axis (null, as in model files written
 *     before it existed: {@link InputTransform#DEFAULT})
 */
public record Preprocessing(List<String> channels, double sampleRate, WindowSpec window, StftConfig stft,
                            InputTransform transform) {

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
        if (transform.kind() == InputTransform.Kind.ENVELOPE) {
            transform.envelopeBins(window.length(), sampleRate); // checks the band
        }
        if (transform.axis() == InputTransform.Axis.LOG) {
            new LogFrequencyBins(stft.firstBin(sampleRate), stft.lastBin(sampleRate)); // checks there is a log axis
        }
    }

    /** The plain spectrogram on the linear axis. */
    public Preprocessing(List<String> channels, double sampleRate, WindowSpec window, StftConfig stft) {
        this(channels, sampleRate, window, stft, InputTransform.DEFAULT);
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
     * Brings a recording into this contract: selects and orders the channels, checks the
     * sampling rate, and checks it holds at least one window.
     */
    public Recording conform(Recording r) {
        Recording selected = r.select(channels);
        if (!Double.isNaN(sampleRate)) {
            if (!selected.hasSampleRate()) {
                selected = selected.withSampleRate(sampleRate);
            } else if (Math.abs(selected.sampleRate() - sampleRate) > 1e-6 * sampleRate) {
                throw new TriaxException(r.source() + ": sampled at " + selected.sampleRate()
                        + " Hz, the model expects " + sampleRate + " Hz");
            }
        }
        if (selected.length() < window.length()) {
            throw new TriaxException(r.source() + ": " + selected.length() + " samples is shorter than one window ("
                    + window.length() + " samples)");
        }
        return selected;
    }

    /** An extractor bound to this contract (it holds the FFT plans; share it between threads). */
    public SpectrogramExtractor extractor() {
        return new SpectrogramExtractor(this);
    }
}
