package org.triax.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link SpectrogramExtractor#windows}: windows computed together equal windows computed one by one, bit for bit. */
class SharedFramesTest {
    private static final double FS = 5120;

    private static double[][] noise(int channels, int n) {
        Random r = new Random(3);
        double[][] x = new double[channels][n];
        for (double[] ch : x) {
            for (int i = 0; i < n; i++) {
                ch[i] = r.nextGaussian() + Math.sin(i * 0.3);
            }
        }
        return x;
    }

    private static void assertSameAsOneByOne(Preprocessing pre, double[][] x, int[] starts) {
        SpectrogramExtractor e = pre.extractor();
        int size = pre.tensorSize();
        float[] oneByOne = new float[starts.length * size];
        for (int i = 0; i < starts.length; i++) {
            e.window(x, starts[i], oneByOne, i * size);
        }
        float[] together = new float[3 + starts.length * size]; // at an offset
        e.windows(x, starts, 0, starts.length, together, 3);
        assertArrayEquals(oneByOne, java.util.Arrays.copyOfRange(together, 3, together.length));
    }

    private static Preprocessing pre(WindowSpec w, StftConfig stft, InputTransform t) {
        return new Preprocessing(List.of("X", "Y", "Z"), FS, w, stft, false, t);
    }

    @Test
    void overlappingWindowsOnTheStftGridShareFrames() {
        StftConfig stft = new StftConfig(128, 112, WindowFunction.HANN, -120, 0, Double.POSITIVE_INFINITY);
        double[][] x = noise(3, 8192);
        Preprocessing p = pre(new WindowSpec(1024, 512), stft, InputTransform.DEFAULT);
        assertSameAsOneByOne(p, x, p.extractor().windowStarts(0, 8192));
        // a window that starts between the grid's steps: computed one by one, the same values
        assertSameAsOneByOne(p, x, new int[] {0, 512, 1030, 1536});
        // windows that do not overlap
        assertSameAsOneByOne(p, x, new int[] {0, 2048, 4096});
    }

    @Test
    void aLogFrequencyAxisAndTheEnvelopeGiveTheSameValuesToo() {
        StftConfig stft = new StftConfig(128, 64, WindowFunction.HANN, -120, 0, Double.POSITIVE_INFINITY);
        double[][] x = noise(3, 6000);
        Preprocessing log = pre(new WindowSpec(1024, 256), stft,
                new InputTransform(InputTransform.Kind.SPECTROGRAM, null, InputTransform.Axis.LOG));
        assertSameAsOneByOne(log, x, log.extractor().windowStarts(0, 6000));
        Preprocessing env = pre(new WindowSpec(1024, 256), stft,
                new InputTransform(InputTransform.Kind.ENVELOPE, null, InputTransform.Axis.LINEAR));
        assertSameAsOneByOne(env, x, env.extractor().windowStarts(0, 6000));
    }
}
