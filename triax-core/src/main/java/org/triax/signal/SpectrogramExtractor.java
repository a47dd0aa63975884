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

    /**
     * Writes the tensors of the {@code n} windows starting at {@code starts[from ..]} (ascending)
     * into {@code out}, window i at {@code offset + i * tensorSize}. Windows a whole number of STFT steps
     * apart share their frames, so the spectrogram of the span they cover is computed once per
     * channel and each window's frames are copied out of it: the same values bit for bit (each
     * frame comes from the same samples through the same code). Why: windows overlap (by default
     * the hop is half the window), and one by one every frame would be computed twice or more.
     */
    public void windows(double[][] samples, int[] starts, int from, int n, float[] out, int offset) {
        int size = pre.tensorSize();
        if (!framesShared(starts, from, n)) {
            for (int i = 0; i < n; i++) {
                window(samples, starts[from + i], out, offset + i * size);
            }
            return;
        }
        int step = pre.stft().step();
        int bins = pre.bins();
        int frames = pre.frames();
        int base = starts[from];
        int span = starts[from + n - 1] + pre.window().length() - base;
        int spanFrames = pre.stft().frames(span);
        float[] spectrogram = new float[bins * spanFrames];
        for (int c = 0; c < samples.length; c++) {
            stft.spectrogramDb(samples[c], base, span, spectrogram, 0);
            for (int i = 0; i < n; i++) {
                int first = (starts[from + i] - base) / step;
                int at = offset + i * size + c * bins * frames;
                for (int b = 0; b < bins; b++) {
                    System.arraycopy(spectrogram, b * spanFrames + first, out, at + b * frames, frames);
                }
            }
        }
    }

    /**
     * {@link #windows} split into a part per core of the current fork-join pool, each part computing
     * the frames its windows share once: the same values, on every core.
     */
    public void windowsInParallel(double[][] samples, int[] starts, int from, int n, float[] out, int offset) {
        int size = pre.tensorSize();
        int parts = Math.max(1, Math.min(n, java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 1));
        int per = (n + parts - 1) / parts;
        java.util.stream.IntStream.range(0, parts).parallel().forEach(p -> {
            int first = p * per;
            int count = Math.min(per, n - first);
            if (count > 0) {
                windows(samples, starts, from + first, count, out, offset + first * size);
            }
        });
    }

    /** Whether the windows' frames lie on one grid of STFT steps and overlap (else: one by one). */
    private boolean framesShared(int[] starts, int from, int n) {
        if (envelope != null || n < 2) {
            return false; // the envelope is computed per window
        }
        int step = pre.stft().step();
        for (int i = 1; i < n; i++) {
            int gap = starts[from + i] - starts[from + i - 1];
            if (gap < 0 || gap % step != 0) {
                return false;
            }
        }
        return starts[from + n - 1] - starts[from] < (long) (n - 1) * pre.window().length();
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
