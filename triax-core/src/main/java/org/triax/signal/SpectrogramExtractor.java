package org.triax.signal;

/**
 * Computes the network input of one window: per channel, the dB spectrogram of its samples (or of
 * their band envelope, {@link Envelope}), on the contract's frequency axis, laid out as a
 * {@code [channel][bin][frame]} float array (the NCHW layout the network takes).
 */
public final class SpectrogramExtractor {
    private final Preprocessing pre;
    private final Stft stft;
    /** Null unless the input is the envelope. */
    private final Envelope envelope;

    SpectrogramExtractor(Preprocessing pre) {
        this.pre = pre;
        this.stft = new Stft(pre.stft(), pre.sampleRate(), pre.transform().axis());
        int[] band = pre.envelopeBins();
        this.envelope = band == null ? null : new Envelope(pre.window().length(), band[0], band[1]);
    }

    public Preprocessing preprocessing() {
        return pre;
    }

    /** Tensor of the window starting at sample {@code start} of a conformed recording. */
    public float[] window(Recording r, int start) {
        float[] out = new float[pre.tensorSize()];
        window(r, start, out, 0);
        return out;
    }

    /** Writes the window's tensor into {@code out} at {@code offset} (no allocation per window). */
    public void window(Recording r, int start, float[] out, int offset) {
        window(r.samples(), start, out, offset);
    }

    /**
     * Writes the tensor of the window {@code samples[c][start, start + window length)} of every
     * channel c, in contract order, into {@code out} at {@code offset}: for windows that are not a
     * slice of a recording as read (augmented training windows).
     */
    public void window(double[][] samples, int start, float[] out, int offset) {
        int perChannel = pre.bins() * pre.frames();
        int length = pre.window().length();
        double[] env = envelope == null ? null : new double[length];
        for (int c = 0; c < samples.length; c++) {
            if (envelope == null) {
                stft.spectrogramDb(samples[c], start, length, out, offset + c * perChannel);
            } else {
                envelope.apply(samples[c], start, env);
                stft.spectrogramDb(env, 0, length, out, offset + c * perChannel);
            }
        }
    }

    /** Start samples of all windows inside {@code [from, to)}. */
    public int[] windowStarts(int from, int to) {
        WindowSpec w = pre.window();
        int[] starts = new int[w.count(from, to)];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = w.start(from, i);
        }
        return starts;
    }
}
