package org.triax.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.triax.TriaxException;

class WindowingTest {

    @Test
    void countsWindowsThatFitEntirely() {
        WindowSpec w = new WindowSpec(1024, 512);
        assertEquals(0, w.count(0, 1023));
        assertEquals(1, w.count(0, 1024));
        assertEquals(1, w.count(0, 1535));
        assertEquals(2, w.count(0, 1536));
        assertEquals(8, w.count(0, 5000)); // (5000 - 1024) / 512 + 1
        assertEquals(3, new WindowSpec(100, 100).count(50, 350)); // no overlap
        assertEquals(91, new WindowSpec(100, 10).count(0, 1000));
    }

    @Test
    void windowsStayInsideTheirRange() {
        Preprocessing pre = new Preprocessing(List.of("X"), 1000, new WindowSpec(256, 100),
                new StftConfig(64, 32, WindowFunction.HANN, -120, 0, Double.POSITIVE_INFINITY));
        int[] starts = pre.extractor().windowStarts(300, 800);
        assertArrayEquals(new int[] {300, 400, 500}, starts);
        for (int s : starts) {
            assertTrue(s >= 300 && s + 256 <= 800);
        }
    }

    @Test
    void tensorHasChannelBinFrameLayout() {
        double fs = 1000;
        double[][] s = new double[2][2048];
        for (int i = 0; i < 2048; i++) {
            s[0][i] = Math.sin(2 * Math.PI * 125 * i / fs); // bin 8 of 64
            s[1][i] = Math.sin(2 * Math.PI * 250 * i / fs); // bin 16
        }
        Recording r = new Recording("mem", List.of("A", "B"), fs, s);
        Preprocessing pre = new Preprocessing(List.of("B", "A"), fs, new WindowSpec(512, 256),
                new StftConfig(64, 32, WindowFunction.HANN, -120, 0, Double.POSITIVE_INFINITY));
        float[] t = pre.extractor().window(pre.conform(r), 256);
        int bins = pre.bins();
        int frames = pre.frames();
        assertEquals(33, bins);
        assertEquals(15, frames);
        assertEquals(2 * bins * frames, t.length);
        // channel 0 of the tensor is B (250 Hz -> bin 16), channel 1 is A (bin 8)
        assertEquals(16, argmaxBin(t, 0, bins, frames, 5));
        assertEquals(8, argmaxBin(t, 1, bins, frames, 5));
    }

    private static int argmaxBin(float[] t, int channel, int bins, int frames, int frame) {
        int best = 0;
        for (int b = 0; b < bins; b++) {
            int i = channel * bins * frames + b * frames + frame;
            if (t[i] > t[channel * bins * frames + best * frames + frame]) {
                best = b;
            }
        }
        return best;
    }

    @Test
    void impossibleWindowsAreRejected() {
        assertThrows(TriaxException.class, () -> new WindowSpec(1024, 0));
        assertThrows(TriaxException.class, () -> new WindowSpec(0, 10));
        StftConfig stft = new StftConfig(128, 64, WindowFunction.HANN, -120, 0, Double.POSITIVE_INFINITY);
        TriaxException e = assertThrows(TriaxException.class,
                () -> new Preprocessing(List.of("X"), 1000, new WindowSpec(64, 32), stft));
        assertTrue(e.getMessage().contains("longer than the window"));
    }

    @Test
    void recordingShorterThanOneWindowIsRejectedWithItsName() {
        Preprocessing pre = new Preprocessing(List.of("X"), 1000, new WindowSpec(1024, 512),
                StftConfig.DEFAULT);
        Recording r = new Recording("short.csv", List.of("X"), 1000, new double[][] {new double[500]});
        TriaxException e = assertThrows(TriaxException.class, () -> pre.conform(r));
        assertTrue(e.getMessage().contains("short.csv") && e.getMessage().contains("shorter than one window"));
    }

    @Test
    void unknownChannelAndWrongRateAreRejected() {
        Preprocessing pre = new Preprocessing(List.of("X", "Y", "Z"), 1000, new WindowSpec(1024, 512),
                StftConfig.DEFAULT);
        Recording twoAxes = new Recording("a.csv", List.of("X", "Y"), 1000, new double[2][2000]);
        assertTrue(assertThrows(TriaxException.class, () -> pre.conform(twoAxes)).getMessage()
                .contains("no channel 'Z'"));
        Recording fast = new Recording("b.csv", List.of("X", "Y", "Z"), 2000, new double[3][2000]);
        assertTrue(assertThrows(TriaxException.class, () -> pre.conform(fast)).getMessage()
                .contains("expects 1000.0 Hz"));
    }
}
