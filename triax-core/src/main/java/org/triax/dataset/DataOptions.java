package org.triax.dataset;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.triax.TriaxException;
import org.triax.signal.InputTransform;
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
 * @param transform plain or envelope input, linear or log frequency axis (null: the default)
 * @param testGroups groups that form the test set of a by-group split (empty: the splitter chooses)
 */
public record DataOptions(Path root, List<String> channels, double sampleRate, String variable,
                          WindowSpec window, StftConfig stft, SplitProtocol protocol,
                          SplitFractions fractions, long seed, double resample, Grouping grouping,
                          Set<Size> fromData, InputTransform transform, List<String> testGroups) {

    /** The sizes that can be left to the data. */
    public enum Size { WINDOW, HOP, SEGMENT, OVERLAP }

    public DataOptions {
        channels = List.copyOf(channels);
        fromData = fromData.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(fromData));
        transform = transform == null ? InputTransform.DEFAULT : transform;
        testGroups = testGroups == null ? List.of() : List.copyOf(testGroups);
        if (!Double.isNaN(resample) && !(resample > 0 && Double.isFinite(resample))) {
            throw new TriaxException("--resample must be > 0 Hz, got " + resample);
        }
    }

    /** Every size given, no resampling, no grouping beyond triax.properties, the plain input. */
    public DataOptions(Path root, List<String> channels, double sampleRate, String variable, WindowSpec window,
                       StftConfig stft, SplitProtocol protocol, SplitFractions fractions, long seed) {
        this(root, channels, sampleRate, variable, window, stft, protocol, fractions, seed, Double.NaN);
    }

    /** Every size given, no grouping beyond triax.properties, the plain input. */
    public DataOptions(Path root, List<String> channels, double sampleRate, String variable, WindowSpec window,
                       StftConfig stft, SplitProtocol protocol, SplitFractions fractions, long seed, double resample) {
        this(root, channels, sampleRate, variable, window, stft, protocol, fractions, seed, resample, null, Set.of(),
                null, null);
    }

    public static DataOptions defaults(Path root) {
        return new DataOptions(root, List.of(), Double.NaN, null, WindowSpec.DEFAULT, StftConfig.DEFAULT,
                SplitProtocol.AUTO, SplitFractions.DEFAULT, 42);
    }

    public DataOptions withGrouping(Grouping g) {
        return new DataOptions(root, channels, sampleRate, variable, window, stft, protocol, fractions, seed, resample, g,
                fromData, transform, testGroups);
    }

    public DataOptions withSizesFromData(Set<Size> sizes) {
        return new DataOptions(root, channels, sampleRate, variable, window, stft, protocol, fractions, seed, resample,
                grouping, sizes, transform, testGroups);
    }

    /** The same options, resampling every recording to {@code hz} (NaN: not at all). */
    public DataOptions withResample(double hz) {
        return new DataOptions(root, channels, sampleRate, variable, window, stft, protocol, fractions, seed, hz,
                grouping, fromData, transform, testGroups);
    }

    public DataOptions withTransform(InputTransform t) {
        return new DataOptions(root, channels, sampleRate, variable, window, stft, protocol, fractions, seed, resample,
                grouping, fromData, t, testGroups);
    }

    public DataOptions withFractions(SplitFractions f) {
        return new DataOptions(root, channels, sampleRate, variable, window, stft, protocol, f, seed, resample,
                grouping, fromData, transform, testGroups);
    }

    public DataOptions withTestGroups(List<String> groups) {
        return new DataOptions(root, channels, sampleRate, variable, window, stft, protocol, fractions, seed, resample,
                grouping, fromData, transform, groups);
    }
}
