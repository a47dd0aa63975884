package org.triax.signal;

/**
 * Computes the network input of one window: the dB spectrogram of every channel, laid out as a
 * {@code [channel][bin][frame]} float array (the NCHW layout the network takes).
 */
public final class SpectrogramExtractor {
    private final Preprocessing pre;
    private final Stft stft;

    SpectrogramExtractor(Preprocessing pre) {
        this.pre = pre;
        this.stft = new Stft(pre.stft(), pre.sampleRate());
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
        int perChannel = pre.bins() * pre.frames();
        double[][] s = r.samples();
        for (int c = 0; c < s.length; c++) {
            stft.spectrogramDb(s[c], start, pre.window().length(), out, offset + c * perChannel);
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
