package org.triax.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.triax.signal.StftConfig;
import org.triax.signal.WindowSpec;

class AnalysisSizesTest {
    private static final Set<DataOptions.Size> ALL = EnumSet.allOf(DataOptions.Size.class);

    private static int windows(AnalysisSizes s, int samples) {
        return 1 + (samples - s.window().length()) / s.window().hop();
    }

    @Test
    void longRecordingsKeepTheDefaultSizes() {
        AnalysisSizes s = AnalysisSizes.choose(WindowSpec.DEFAULT, StftConfig.DEFAULT, ALL, 480_000, 48_000);
        assertEquals(WindowSpec.DEFAULT, s.window());
        assertEquals(StftConfig.DEFAULT.segment(), s.stft().segment());
        assertEquals(StftConfig.DEFAULT.overlap(), s.stft().overlap());
        assertTrue(s.description().contains("375.0 Hz per bin"), s.description());
    }

    @Test
    void shortRecordingsGetSmallerWindowsSoEachYieldsAtLeastSixteen() {
        for (int samples : new int[] {3000, 5000, 2000, 1100, 8703}) {
            AnalysisSizes s = AnalysisSizes.choose(WindowSpec.DEFAULT, StftConfig.DEFAULT, ALL, samples, Double.NaN);
            assertTrue(windows(s, samples) >= AnalysisSizes.MIN_WINDOWS, samples + ": " + s.description());
            assertTrue(s.window().length() < WindowSpec.DEFAULT.length(), samples + ": " + s.description());
            assertEquals(s.window().length() / 2, s.window().hop());
            assertTrue(s.stft().segment() <= s.window().length() / 4 && s.stft().segment() >= 16, s.description());
            assertEquals(s.stft().segment() - s.stft().segment() / 8, s.stft().overlap());
        }
        // the case: 3000 samples used to give 4 windows of 1024
        AnalysisSizes s = AnalysisSizes.choose(WindowSpec.DEFAULT, StftConfig.DEFAULT, ALL, 3000, 1000);
        assertEquals(new WindowSpec(256, 128), s.window());
        assertEquals(22, windows(s, 3000));
    }

    @Test
    void givenSizesAreKeptAndNothingGivenToTheDataIsDescribedAsSo() {
        AnalysisSizes none = AnalysisSizes.choose(new WindowSpec(2048, 100), StftConfig.DEFAULT, Set.of(), 3000, 1000);
        assertEquals(new WindowSpec(2048, 100), none.window());
        assertNull(none.description());
        // the hop given, the window chosen so that hop still yields 16 windows
        AnalysisSizes hopGiven = AnalysisSizes.choose(new WindowSpec(1024, 64), StftConfig.DEFAULT,
                EnumSet.of(DataOptions.Size.WINDOW, DataOptions.Size.SEGMENT, DataOptions.Size.OVERLAP), 2000, 1000);
        assertEquals(64, hopGiven.window().hop());
        assertEquals(1024, hopGiven.window().length());
        assertTrue(windows(hopGiven, 2000) >= 16);
    }

    @Test
    void veryShortRecordingsSayTheyAreShort() {
        AnalysisSizes s = AnalysisSizes.choose(WindowSpec.DEFAULT, StftConfig.DEFAULT, ALL, 300, Double.NaN);
        assertEquals(64, s.window().length());
        assertTrue(s.description().contains("fewer than 16"), s.description());
    }
}
