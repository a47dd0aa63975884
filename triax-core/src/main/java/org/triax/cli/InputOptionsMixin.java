package org.triax.cli;

import org.triax.signal.InputTransform;
import picocli.CommandLine.Option;

/** What the spectrogram is taken of and on which frequency axis; shared by train and cv, saved with the model. */
public final class InputOptionsMixin {
    @Option(names = "--input", paramLabel = "KIND", description = "spectrogram (of the samples) or envelope (of the "
            + "band-passed Hilbert envelope: bearing-fault modulation) (default ${DEFAULT-VALUE})")
    String input = "spectrogram";

    @Option(names = "--band", paramLabel = "LO,HI", description = "envelope band in Hz (needs a sampling rate; "
            + "default: above fs/16 up to Nyquist)")
    String band;

    @Option(names = "--freq-axis", paramLabel = "AXIS", description = "linear or log (as many log-spaced bins: a speed "
            + "change becomes a shift) (default ${DEFAULT-VALUE})")
    String axis = "linear";

    public InputTransform transform() {
        return new InputTransform(InputTransform.parseKind(input), InputTransform.parseBand(band),
                InputTransform.parseAxis(axis));
    }
}
