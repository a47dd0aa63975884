package org.triax.signal;

import java.util.List;
import org.triax.TriaxException;

/**
 * One recording: named channels of equal length, sampled at {@code sampleRate} Hz ({@code NaN}
 * when the source does not say). Samples are checked finite on construction so that NaN/Inf never
 * reach a spectrogram.
 *
 * @param source where it came from (file path), used in error messages
 * @param channels channel names, one per row of {@code samples}
 * @param sampleRate Hz, or {@code Double.NaN} when unknown
 * @param samples {@code samples[channel][time]}
 */
public record Recording(String source, List<String> channels, double sampleRate, double[][] samples) {

    public Recording {
        channels = List.copyOf(channels);
        if (samples.length == 0 || channels.isEmpty()) {
            throw new TriaxException(source + ": no channels");
        }
        if (channels.size() != samples.length) {
            throw new TriaxException(source + ": " + channels.size() + " channel names for "
                    + samples.length + " channels");
        }
        if (!Double.isNaN(sampleRate) && !(sampleRate > 0 && Double.isFinite(sampleRate))) {
            throw new TriaxException(source + ": sampling rate must be positive, got " + sampleRate);
        }
        int n = samples[0].length;
        if (n == 0) {
            throw new TriaxException(source + ": recording is empty (0 samples)");
        }
        for (int c = 0; c < samples.length; c++) {
            if (samples[c].length != n) {
                throw new TriaxException(source + ": channel " + channels.get(c) + " has "
                        + samples[c].length + " samples, channel " + channels.get(0) + " has " + n);
            }
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(samples[c][i])) {
                    throw nonFinite(source, channels.get(c), i, samples[c][i]);
                }
            }
        }
    }

    /** The error for a NaN or infinite sample (also raised by readers that stream). */
    static TriaxException nonFinite(String source, String channel, long index, double value) {
        return new TriaxException(source + ": channel " + channel + " sample " + index
                + " is " + value + " (NaN/Inf samples are not allowed)");
    }

    public int length() {
        return samples[0].length;
    }

    public int channelCount() {
        return samples.length;
    }

    public boolean hasSampleRate() {
        return !Double.isNaN(sampleRate);
    }

    /** The same data with a sampling rate set (readers that cannot know it leave it NaN). */
    public Recording withSampleRate(double fs) {
        return new Recording(source, channels, fs, samples);
    }

    /** The same data under other channel names (one per channel). */
    public Recording withChannelNames(List<String> names) {
        return new Recording(source, names, sampleRate, samples);
    }

    /**
     * Selects and orders channels by name (case-insensitive) or by 0-based index given as text.
     *
     * @throws TriaxException naming the missing channel and those available
     */
    public Recording select(List<String> wanted) {
        double[][] out = new double[wanted.size()][];
        for (int k = 0; k < wanted.size(); k++) {
            out[k] = samples[channelIndex(source, channels, wanted.get(k))];
        }
        return new Recording(source, wanted, sampleRate, out);
    }

    /**
     * The index of a channel of {@code channels} named {@code name} (case-insensitive) or given by
     * its 0-based index as text.
     *
     * @throws TriaxException naming the missing channel and those available
     */
    public static int channelIndex(String source, List<String> channels, String name) {
        for (int c = 0; c < channels.size(); c++) {
            if (channels.get(c).equalsIgnoreCase(name)) {
                return c;
            }
        }
        if (name.matches("\\d+")) {
            int i = Integer.parseInt(name);
            if (i < channels.size()) {
                return i;
            }
        }
        throw new TriaxException(source + ": no channel '" + name + "' (channels: "
                + String.join(", ", channels) + ")");
    }
}
