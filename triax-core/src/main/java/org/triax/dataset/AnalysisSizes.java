package org.triax.dataset;

import java.util.Locale;
import java.util.Set;
import org.triax.signal.StftConfig;
import org.triax.signal.WindowSpec;

/**
 * Window and STFT sizes chosen from the data when the user does not give them: the longest
 * power-of-two window up to the default 1024 samples for which the shortest recording still yields
 * {@link #MIN_WINDOWS} windows at 50 % overlap (a tiny training set is what ruins scores on short
 * recordings), an STFT segment of a quarter of the window up to the default 128 (16 at the
 * least) and 7/8 segment overlap, as the defaults have.
 */
public record AnalysisSizes(WindowSpec window, StftConfig stft, String description) {
    public static final int MIN_WINDOWS = 16;
    static final int MAX_WINDOW = WindowSpec.DEFAULT.length();
    static final int MIN_WINDOW = 64;

    /**
     * @param given the user's sizes (those not in {@code fromData} are kept as they are)
     * @param shortest samples of the shortest recording
     * @param fs sampling rate in Hz (NaN when unknown; only for the description)
     */
    public static AnalysisSizes choose(WindowSpec given, StftConfig stft, Set<DataOptions.Size> fromData, int shortest,
                                       double fs) {
        if (fromData.isEmpty()) {
            return new AnalysisSizes(given, stft, null);
        }
        int window = given.length();
        if (fromData.contains(DataOptions.Size.WINDOW)) {
            window = MIN_WINDOW;
            for (int w = MAX_WINDOW; w >= MIN_WINDOW; w /= 2) {
                int hop = fromData.contains(DataOptions.Size.HOP) ? w / 2 : given.hop();
                if (shortest >= w && 1 + (shortest - w) / hop >= MIN_WINDOWS) {
                    window = w;
                    break;
                }
            }
        }
        int hop = fromData.contains(DataOptions.Size.HOP) ? Math.max(1, window / 2) : given.hop();
        int segment = fromData.contains(DataOptions.Size.SEGMENT) ? Math.max(16, Math.min(128, window / 4)) : stft.segment();
        segment = Math.min(segment, window);
        int overlap = fromData.contains(DataOptions.Size.OVERLAP) ? segment - segment / 8 : stft.overlap();
        WindowSpec w = new WindowSpec(window, hop);
        StftConfig s = new StftConfig(segment, overlap, stft.window(), stft.dbFloor(), stft.fmin(), stft.fmax());
        int perRecording = shortest < window ? 0 : 1 + (shortest - window) / hop;
        String resolution = Double.isNaN(fs) ? "" : String.format(Locale.ROOT, ", %.4g Hz per bin, %.4g s per window",
                fs / segment, window / fs);
        String text = String.format(Locale.ROOT, "sizes from the data (shortest recording %d samples): window %d, hop %d,"
                        + " STFT segment %d, overlap %d -> %d windows from the shortest recording%s%s", shortest, window, hop,
                segment, overlap, perRecording, resolution, perRecording < MIN_WINDOWS
                        ? " (fewer than " + MIN_WINDOWS + ": the recordings are short; set --window/--hop to choose)" : "");
        return new AnalysisSizes(w, s, text);
    }
}
