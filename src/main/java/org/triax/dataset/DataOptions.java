package org.triax.dataset;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.triax.TriaxException;
import org.triax.signal.StftConfig;
import org.triax.signal.WindowSpec;

/**
 * Everything that decides how a dataset folder becomes tensors. Empty channels and NaN sampleRate
 * mean "from triax.properties, else from the files"; null variable means automatic; NaN resample
 * means "keep the files' rate" (else every recording is resampled to that many Hz).
 *
 * @param grouping which recordings belong together (null: from triax.properties, else none)
 * @param fromData the window and STFT sizes to choose from the recordings ({@link AnalysisSizes});
 *     their values in {@code window} / {@code stft} are then ignored
 */
public record DataOptions(Path root, List<String> channels, double sampleRate, String variable,
                          WindowSpec window, StftConfig stft, SplitProtocol protocol,
                          SplitFractions fractions, long seed, double resample, Grouping grouping,
                          Set<Size> fromData) {

    /** The sizes that can be left to the data. */
    public enum Size { WINDOW, HOP, SEGMENT, OVERLAP }

    public DataOptions {
        channels = List.copyOf(channels);
        fromData = fromData.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(fromData));
        if (!Double.isNaN(resample) && !(resample > 0 && Double.isFinite(resample))) {
            throw new TriaxException("--resample must be > 0 Hz, got " + resample);
        }
    }

    /** Every size given, no resampling, no grouping beyond triax.properties. */
    public DataOptions(Path root, List<String> channels, double sampleRate, String variable, WindowSpec window,
                       StftConfig stft, SplitProtocol protocol, SplitFractions fractions, long seed) {
        this(root, channels, sampleRate, variable, window, stft, protocol, fractions, seed, Double.NaN, null, Set.of());
    }

    /** Every size given, no grouping beyond triax.properties. */
    public DataOptions(Path root, List<String> channels, double sampleRate, String variable, WindowSpec window,
                       StftConfig stft, SplitProtocol protocol, SplitFractions fractions, long seed, double resample) {
        this(root, channels, sampleRate, variable, window, stft, protocol, fractions, seed, resample, null, Set.of());
    }

    public static DataOptions defaults(Path root) {
        return new DataOptions(root, List.of(), Double.NaN, null, WindowSpec.DEFAULT, StftConfig.DEFAULT,
                SplitProtocol.AUTO, SplitFractions.DEFAULT, 42);
    }

    public DataOptions withGrouping(Grouping g) {
        return new DataOptions(root, channels, sampleRate, variable, window, stft, protocol, fractions, seed, resample, g,
                fromData);
    }

    public DataOptions withSizesFromData(Set<Size> sizes) {
        return new DataOptions(root, channels, sampleRate, variable, window, stft, protocol, fractions, seed, resample,
                grouping, sizes);
    }

    /** The same options, resampling every recording to {@code hz} (NaN: not at all). */
    public DataOptions withResample(double hz) {
        return new DataOptions(root, channels, sampleRate, variable, window, stft, protocol, fractions, seed, hz,
                grouping, fromData);
    }
}
