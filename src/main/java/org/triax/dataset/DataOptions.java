package org.triax.dataset;

import java.nio.file.Path;
import java.util.List;
import org.triax.TriaxException;
import org.triax.signal.StftConfig;
import org.triax.signal.WindowSpec;

/**
 * Everything that decides how a dataset folder becomes tensors. Empty channels and NaN sampleRate
 * mean "from triax.properties, else from the files"; null variable means automatic; NaN resample
 * means "keep the files' rate" (else every recording is resampled to that many Hz).
 */
public record DataOptions(Path root, List<String> channels, double sampleRate, String variable,
                          WindowSpec window, StftConfig stft, SplitProtocol protocol,
                          SplitFractions fractions, long seed, double resample) {

    public DataOptions {
        channels = List.copyOf(channels);
        if (!Double.isNaN(resample) && !(resample > 0 && Double.isFinite(resample))) {
            throw new TriaxException("--resample must be > 0 Hz, got " + resample);
        }
    }

    /** Without resampling. */
    public DataOptions(Path root, List<String> channels, double sampleRate, String variable,
                       WindowSpec window, StftConfig stft, SplitProtocol protocol,
                       SplitFractions fractions, long seed) {
        this(root, channels, sampleRate, variable, window, stft, protocol, fractions, seed, Double.NaN);
    }

    public static DataOptions defaults(Path root) {
        return new DataOptions(root, List.of(), Double.NaN, null, WindowSpec.DEFAULT, StftConfig.DEFAULT,
                SplitProtocol.AUTO, SplitFractions.DEFAULT, 42);
    }

    /** The same options, resampling every recording to {@code hz} (NaN: not at all). */
    public DataOptions withResample(double hz) {
        return new DataOptions(root, channels, sampleRate, variable, window, stft, protocol, fractions, seed, hz);
    }
}
