package org.triax.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * triax's STFT and dB against {@code scipy.signal.spectrogram(..., detrend='constant',
 * scaling='density', mode='psd')}: reference values made by {@code src/test/python/make_stft_fixture.py}
 * (committed as {@code stft-scipy.json}, so this test needs no Python). The cases cover the four
 * tapers, known and unknown sampling rates, overlaps from none to step 1, segments that are no power of
 * two, {@code --fmin/--fmax} cuts on and off bin edges, silence and a floor that clips. A wrong PSD
 * scale, a missing or extra one-sided doubling (interior bins vs DC and Nyquist), a missing segment
 * mean removal or a window normalised by {@code sum(w)} instead of {@code sum(w^2)} each fail it.
 */
class StftScipyReferenceTest {

    /** PSD: relative to the value, plus an absolute slack relative to the frame's peak (near-zero bins). */
    private static final double PSD_RELATIVE = 1e-6;
    private static final double PSD_OF_PEAK = 1e-12;
    /** dB: triax returns float32 (ulp 7.6e-6 at -120 dB) from a table-based log10 (error < 1e-6 dB). */
    private static final double DB_ABSOLUTE = 1e-4;

    private static final JsonNode FIXTURE = load();

    private static JsonNode load() {
        try (InputStream in = StftScipyReferenceTest.class.getResourceAsStream("stft-scipy.json")) {
            assertTrue(in != null, "stft-scipy.json missing: run src/test/python/make_stft_fixture.py");
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<JsonNode> cases() {
        List<JsonNode> list = new ArrayList<>();
        FIXTURE.path("cases").forEach(list::add);
        assertTrue(list.size() >= 6, "fixture has its cases");
        return list.stream();
    }

    private static double sampleRate(JsonNode c) {
        return c.path("fs").isNull() ? Double.NaN : c.path("fs").asDouble();
    }

    private static StftConfig config(JsonNode c) {
        double fmax = c.path("fmax").isNull() ? Double.POSITIVE_INFINITY : c.path("fmax").asDouble();
        WindowFunction taper = WindowFunction.valueOf(c.path("taper").asText().toUpperCase(Locale.ROOT));
        return new StftConfig(c.path("segment").asInt(), c.path("overlap").asInt(), taper, c.path("dbFloor").asDouble(),
                c.path("fmin").asDouble(), fmax);
    }

    private static double[] doubles(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asDouble();
        }
        return v;
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void powerSpectralDensityMatchesScipy(JsonNode c) {
        Stft stft = new Stft(config(c), sampleRate(c));
        double[][] psd = stft.powerDensity(doubles(c.path("x")));
        JsonNode expected = c.path("psd");
        String name = c.path("name").asText();
        assertEquals(expected.size(), psd.length, name + ": frames");
        for (int f = 0; f < psd.length; f++) {
            double[] want = doubles(expected.get(f));
            assertEquals(want.length, psd[f].length, name + ": bins");
            double peak = 0;
            for (double v : want) {
                peak = Math.max(peak, v);
            }
            for (int k = 0; k < want.length; k++) {
                double tolerance = PSD_RELATIVE * Math.abs(want[k]) + PSD_OF_PEAK * peak;
                assertEquals(want[k], psd[f][k], tolerance, name + ": PSD frame " + f + " bin " + k);
            }
        }
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void decibelsWithFloorAndFrequencyCutMatchScipy(JsonNode c) {
        Stft stft = new Stft(config(c), sampleRate(c));
        String name = c.path("name").asText();
        assertEquals(c.path("firstBin").asInt(), stft.firstBin(), name + ": first kept bin");
        assertEquals(c.path("bins").asInt(), stft.bins(), name + ": kept bins");
        double[] x = doubles(c.path("x"));
        float[][] db = stft.spectrogramDb(x);
        JsonNode expected = c.path("db");
        assertEquals(expected.size(), db.length, name + ": rows");
        for (int b = 0; b < db.length; b++) {
            double[] want = doubles(expected.get(b));
            assertEquals(want.length, db[b].length, name + ": frames");
            for (int f = 0; f < want.length; f++) {
                assertEquals(want[f], db[b][f], DB_ABSOLUTE, name + ": dB bin " + (stft.firstBin() + b) + " frame " + f);
            }
        }
        // the sequential path over a sub-range (used per window) gives the same floats
        float[] flat = new float[stft.bins() * db[0].length];
        assertEquals(db[0].length, stft.spectrogramDb(x, 0, x.length, flat, 0));
        for (int b = 0; b < db.length; b++) {
            for (int f = 0; f < db[b].length; f++) {
                assertEquals(db[b][f], flat[b * db[b].length + f], name);
            }
        }
    }

    @Test
    void theFixtureClipsSomeValuesAtTheFloor() {
        // the floor is exercised, not only configured: silence and a high floor give clipped values
        JsonNode c = cases().filter(n -> n.path("name").asText().contains("high floor")).findFirst().orElseThrow();
        float[][] db = new Stft(config(c), sampleRate(c)).spectrogramDb(doubles(c.path("x")));
        float floor = (float) c.path("dbFloor").asDouble();
        int clipped = 0;
        int total = 0;
        for (float[] row : db) {
            for (float v : row) {
                assertTrue(v >= floor);
                clipped += v == floor ? 1 : 0;
                total++;
            }
        }
        assertTrue(clipped > total / 4 && clipped < total, clipped + " of " + total + " at the floor");
    }

    @Test
    void windowTensorsOfAMultiChannelRecordingMatchScipy() {
        JsonNode w = FIXTURE.path("windows");
        List<String> channels = new ArrayList<>();
        w.path("channels").forEach(n -> channels.add(n.asText()));
        double[][] samples = new double[channels.size()][];
        for (int c = 0; c < samples.length; c++) {
            samples[c] = doubles(w.path("x").get(c));
        }
        double fs = w.path("fs").asDouble();
        Preprocessing pre = new Preprocessing(channels, fs, new WindowSpec(w.path("window").asInt(), w.path("hop").asInt()),
                config(w));
        assertEquals(w.path("bins").asInt(), pre.bins());
        assertEquals(w.path("frames").asInt(), pre.frames());
        Recording r = new Recording("fixture", channels, fs, samples);
        SpectrogramExtractor ex = pre.extractor();
        int[] starts = ex.windowStarts(0, r.length());
        JsonNode wantStarts = w.path("starts");
        assertEquals(wantStarts.size(), starts.length, "windows");
        for (int i = 0; i < starts.length; i++) {
            assertEquals(wantStarts.get(i).asInt(), starts[i], "start of window " + i);
            float[] tensor = ex.window(r, starts[i]);
            double[] want = doubles(w.path("tensors").get(i));
            assertEquals(want.length, tensor.length, "tensor size");
            for (int j = 0; j < want.length; j++) {
                assertEquals(want[j], tensor[j], DB_ABSOLUTE, "window " + i + " value " + j);
            }
        }
    }
}
