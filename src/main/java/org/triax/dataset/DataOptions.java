package org.triax.dataset;

import java.nio.file.Path;
import java.util.List;
import org.triax.signal.StftConfig;
import org.triax.signal.WindowSpec;

/**
 * Everything that decides how a dataset folder becomes tensors. Empty channels and NaN sampleRate
 * mean "from triax.properties, else from the files"; null variable means automatic.
 */
public record DataOptions(Path root, List<String> channels, double sampleRate, String variable,
                          WindowSpec window, StftConfig stft, SplitProtocol protocol,
                          SplitFractions fractions, long seed) {

    public DataOptions {
        channels = List.copyOf(channels);
    }

    public static DataOptions defaults(Path root) {
        return new DataOptions(root, List.of(), Double.NaN, null, WindowSpec.DEFAULT, StftConfig.DEFAULT,
                SplitProtocol.AUTO, SplitFractions.DEFAULT, 42);
    }
}
