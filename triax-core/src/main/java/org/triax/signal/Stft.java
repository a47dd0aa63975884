package org.triax.signal;

import java.util.stream.IntStream;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Log-power spectrogram of one channel with JTransforms. Matches
 * {@code scipy.signal.spectrogram(x, fs, window, nperseg, noverlap, detrend='constant',
 * scaling='density', mode='psd')} before the dB conversion, on the linear frequency axis or mapped
 * onto log-spaced bins in the power domain ({@link LogFrequencyBins}). One instance is safe to share between
 * threads: every call uses its own buffer.
 */
public final class Stft {
    /** Frames per parallel task: large enough to amortise scheduling, small enough to balance. */
    private static final int CHUNK = 512;
    private final StftConfig config;
    private final double[] taper;
    private final DoubleFFT_1D fft;
    private final int firstBin;
    private final int lastBin;
    /** PSD scale 1/(fs * sum w^2); fs = 1 when unknown (density per cycle/sample). */
    private final double scale;
    /** The log frequency axis of the kept bins; null for the linear one. */
    private final LogFrequencyBins logBins;

    /** A spectrogram on the linear frequency axis. */
    public Stft(StftConfig config, double sampleRate) {
        this(config, sampleRate, InputTransform.Axis.LINEAR);
    }

    public Stft(StftConfig config, double sampleRate, InputTransform.Axis axis) {
        config.checkRange(sampleRate);
        this.config = config;
        this.taper = config.window().coefficients(config.segment());
        this.fft = new DoubleFFT_1D(config.segment());
        this.firstBin = config.firstBin(sampleRate);
        this.lastBin = config.lastBin(sampleRate);
        double energy = 0;
        for (double w : taper) {
            energy += w * w;
        }
        double fs = Double.isNaN(sampleRate) ? 1.0 : sampleRate;
        this.scale = 1.0 / (fs * energy);
        this.logBins = axis == InputTransform.Axis.LOG ? new LogFrequencyBins(firstBin, lastBin) : null;
    }

    /** Frequency bins kept (rows of the spectrogram; as many on a log axis as on the linear one). */
    public int bins() {
        return lastBin - firstBin + 1;
    }

    public int firstBin() {
        return firstBin;
    }

    public StftConfig config() {
        return config;
    }

    /**
     * Writes the dB spectrogram of {@code x[from, from + length)} row-major ({@code [bin][frame]})
     * into {@code out} starting at {@code offset}. Returns the number of frames.
     */
    public int spectrogramDb(double[] x, int from, int length, float[] out, int offset) {
        int frames = config.frames(length);
        framesDb(x, from, 0, frames, frames, out, offset, new double[config.segment()]);
        return frames;
    }

    /**
     * The dB spectrogram of a whole signal, row-major {@code [bin][frame]}; with {@code parallel}
     * the frames are cut into chunks computed on the common fork-join pool.
     */
    public float[] spectrogramDb(double[] x, boolean parallel) {
        int frames = config.frames(x.length);
        float[] out = new float[bins() * frames];
        int chunks = Math.max(1, (frames + CHUNK - 1) / CHUNK);
        IntStream range = IntStream.range(0, chunks);
        (parallel ? range.parallel() : range).forEach(c -> framesDb(x, 0, c * CHUNK,
                Math.min(frames, (c + 1) * CHUNK), frames, out, 0, new double[config.segment()]));
        return out;
    }

    /** The dB spectrogram of a whole signal as {@code [bin][frame]}. */
    public float[][] spectrogramDb(double[] x) {
        int frames = config.frames(x.length);
        float[] flat = spectrogramDb(x, true);
        float[][] rows = new float[bins()][frames];
        for (int b = 0; b < rows.length; b++) {
            System.arraycopy(flat, b * frames, rows[b], 0, frames);
        }
        return rows;
    }

    /** Frames {@code [f0, f1)} of the signal starting at {@code from}; row stride {@code frames}. */
    private void framesDb(double[] x, int from, int f0, int f1, int frames, float[] out, int offset, double[] buf) {
        int bins = bins();
        double floor = config.dbFloor();
        for (int f = f0; f < f1; f++) {
            powerOfSegment(x, from + f * config.step(), buf);
            for (int b = 0; b < bins; b++) {
                double p = logBins == null ? buf[firstBin + b] : logBins.power(buf, b);
                double db = Decibels.fromPower(Math.max(p, 1e-300));
                out[offset + b * frames + f] = (float) Math.max(db, floor);
            }
        }
    }

    /** One-sided PSD of all bins 0..segment/2 for each frame: {@code [frame][bin]} (tests, plots). */
    public double[][] powerDensity(double[] x) {
        int frames = config.frames(x.length);
        double[][] psd = new double[frames][config.segment() / 2 + 1];
        double[] buf = new double[config.segment()];
        for (int f = 0; f < frames; f++) {
            powerOfSegment(x, f * config.step(), buf);
            System.arraycopy(buf, 0, psd[f], 0, psd[f].length);
        }
        return psd;
    }

    /**
     * Welch's estimate of {@code x[from, from + length)}: the one-sided PSD of bins 0..segment/2
     * averaged over the window's STFT segments, into {@code out} (length segment/2 + 1). Returns
     * the number of segments averaged (0 leaves {@code out} zero).
     */
    public int meanPowerDensity(double[] x, int from, int length, double[] out) {
        int frames = config.frames(length);
        int half = config.segment() / 2;
        java.util.Arrays.fill(out, 0, half + 1, 0);
        double[] buf = new double[config.segment()];
        for (int f = 0; f < frames; f++) {
            powerOfSegment(x, from + f * config.step(), buf);
            for (int k = 0; k <= half; k++) {
                out[k] += buf[k];
            }
        }
        for (int k = 0; frames > 0 && k <= half; k++) {
            out[k] /= frames;
        }
        return frames;
    }

    /** Detrends, tapers and transforms one segment; leaves the PSD of bins 0..n/2 in buf[0..n/2]. */
    private void powerOfSegment(double[] x, int start, double[] buf) {
        int n = config.segment();
        // four partial sums: one running sum is a chain of dependent adds, a fifth of the STFT's time
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i4 = n & ~3;
        for (int i = 0; i < i4; i += 4) {
            s0 += x[start + i];
            s1 += x[start + i + 1];
            s2 += x[start + i + 2];
            s3 += x[start + i + 3];
        }
        for (int i = i4; i < n; i++) {
            s0 += x[start + i];
        }
        double mean = ((s0 + s1) + (s2 + s3)) / n;
        for (int i = 0; i < n; i++) {
            buf[i] = (x[start + i] - mean) * taper[i];
        }
        fft.realForward(buf);
        // packed layout: buf[0]=Re(0), buf[1]=Re(n/2), buf[2k]=Re(k), buf[2k+1]=Im(k)
        double dc = buf[0] * buf[0] * scale;
        double nyquist = buf[1] * buf[1] * scale;
        int half = n / 2;
        // in place, ascending k reads index 2k,2k+1 >= k: never overwritten before it is read
        for (int k = 1; k < half; k++) {
            double re = buf[2 * k];
            double im = buf[2 * k + 1];
            buf[k] = 2 * (re * re + im * im) * scale; // one-sided: fold negative frequencies
        }
        buf[0] = dc;
        buf[half] = nyquist;
    }
}
