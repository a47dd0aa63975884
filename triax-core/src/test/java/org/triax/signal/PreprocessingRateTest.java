package org.triax.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.triax.TriaxException;

/** How {@link Preprocessing} brings a recording to its rate and its channel. */
class PreprocessingRateTest {
    private static final StftConfig STFT = new StftConfig(16, 8, WindowFunction.HANN, -120, 0, Double.POSITIVE_INFINITY);
    private static final Preprocessing AT_1K = new Preprocessing(List.of("X"), 1000, new WindowSpec(64, 32), STFT);

    private static Recording recording(String channel, double fs, int n) {
        return new Recording("r.csv", List.of(channel), fs,
                new double[][] {IntStream.range(0, n).mapToDouble(i -> Math.sin(0.3 * i)).toArray()});
    }

    @Test
    void aRecordingThatStatesNoRateIsTakenToBeAtTheModelsRate() {
        assertEquals(1000.0, AT_1K.conform(recording("X", Double.NaN, 100)).sampleRate());
    }

    @Test
    void anotherRateIsRefusedWithTheResampleFix() {
        TriaxException e = assertThrows(TriaxException.class, () -> AT_1K.conform(recording("X", 2000, 400)));
        assertEquals("r.csv: sampled at 2000.0 Hz, the model expects 1000.0 Hz; add --resample 1000 to resample it",
                e.getMessage());
    }

    @Test
    void withResampleAnotherRateIsResampled() {
        Preprocessing pre = AT_1K.withResample(1000);
        assertTrue(pre.resample());
        Recording r = pre.conform(recording("X", 2000, 400));
        assertEquals(1000.0, r.sampleRate());
        assertEquals(200, r.length());
        assertSame(AT_1K, AT_1K.withResample(Double.NaN));
    }

    @Test
    void resamplingIsOnlyToTheModelsOwnRate() {
        TriaxException e = assertThrows(TriaxException.class, () -> AT_1K.withResample(500));
        assertTrue(e.getMessage().contains("trained at 1000.0 Hz") && e.getMessage().contains("use --resample 1000"),
                e.getMessage());
        Preprocessing unknown = new Preprocessing(List.of("X"), Double.NaN, new WindowSpec(64, 32), STFT);
        e = assertThrows(TriaxException.class, () -> unknown.withResample(500));
        assertTrue(e.getMessage().contains("unknown sampling rate"), e.getMessage());
    }

    @Test
    void aModelOfTheOneChannelCh0TakesAnySingleChannelRecording() {
        Preprocessing only = new Preprocessing(List.of(Preprocessing.ONLY_CHANNEL), 1000, new WindowSpec(64, 32), STFT);
        ReadNotes notes = new ReadNotes();
        Recording r = only.asOnlyChannel(recording("sig_0917", 1000, 100), notes);
        assertEquals(List.of("ch0"), r.channels());
        assertEquals(List.of("r.csv: one channel, named otherwise: read as the model's one channel ch0"), notes.lines());
        // a model of a named channel takes that channel only: DE is never fed FE
        Recording fe = recording("FE", 1000, 100);
        assertSame(fe, AT_1K.asOnlyChannel(fe, notes));
        assertThrows(TriaxException.class, () -> AT_1K.conform(fe));
    }
}
