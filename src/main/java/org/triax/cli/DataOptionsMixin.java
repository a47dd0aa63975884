package org.triax.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.triax.TriaxException;
import org.triax.dataset.DataOptions;
import org.triax.dataset.DatasetProperties;
import org.triax.dataset.SplitFractions;
import org.triax.dataset.SplitProtocol;
import org.triax.signal.StftConfig;
import org.triax.signal.WindowFunction;
import org.triax.signal.WindowSpec;
import picocli.CommandLine.Option;

/** How recordings become spectrograms and how the dataset is split; shared by train and spectrogram. */
public final class DataOptionsMixin {
    @Option(names = "--channels", paramLabel = "A,B,..", description = "channels to use, by name or 0-based index, in this order (default: those every recording has)")
    String channels;

    @Option(names = "--fs", paramLabel = "HZ", description = "sampling rate in Hz of files that do not state one (else triax.properties fs=); a file stating another rate is an error")
    Double fs;

    @Option(names = "--variable", paramLabel = "NAME", description = "MAT variable (a struct field by dotted path: bearing.gs) or HDF5 dataset to read (exact name or regex; default automatic)")
    String variable;

    @Option(names = "--resample", paramLabel = "HZ", description = "resample every recording to this rate (FFT, anti-aliased; saved with the model)")
    Double resample;

    @Option(names = "--window", paramLabel = "SAMPLES", description = "samples per window (one spectrogram each; default ${DEFAULT-VALUE})")
    int window = WindowSpec.DEFAULT.length();

    @Option(names = "--hop", paramLabel = "SAMPLES", description = "samples between window starts (default ${DEFAULT-VALUE}: 50 %% overlap)")
    int hop = WindowSpec.DEFAULT.hop();

    @Option(names = "--segment", paramLabel = "SAMPLES", description = "STFT segment length (default ${DEFAULT-VALUE})")
    int segment = StftConfig.DEFAULT.segment();

    @Option(names = "--overlap", paramLabel = "SAMPLES", description = "STFT segment overlap (default ${DEFAULT-VALUE})")
    int overlap = StftConfig.DEFAULT.overlap();

    @Option(names = "--taper", paramLabel = "NAME", description = "STFT window function: hann, hamming, blackman, rectangular (default hann)")
    String taper = "hann";

    @Option(names = "--db-floor", paramLabel = "DB", description = "lowest dB value kept (default ${DEFAULT-VALUE})")
    double dbFloor = StftConfig.DEFAULT.dbFloor();

    @Option(names = "--fmin", paramLabel = "HZ", description = "lowest frequency kept (needs a sampling rate)")
    double fmin = 0;

    @Option(names = "--fmax", paramLabel = "HZ", description = "highest frequency kept (needs a sampling rate)")
    double fmax = Double.POSITIVE_INFINITY;

    @Option(names = "--split", paramLabel = "T,V,T", description = "train,validation,test fractions (default 0.7,0.15,0.15)")
    String split = "0.7,0.15,0.15";

    @Option(names = "--split-protocol", paramLabel = "P", description = "auto, by-recording or time-blocks (default auto: by recording when every class has >= 3 recordings)")
    String protocol = "auto";

    StftConfig stft() {
        return new StftConfig(segment, overlap, parseTaper(taper), dbFloor, fmin, fmax);
    }

    DataOptions toOptions(Path root, long seed) {
        return new DataOptions(root, DatasetProperties.parseList(channels), fs == null ? Double.NaN : checkFs(fs),
                variable, new WindowSpec(window, hop), stft(), parseProtocol(protocol), SplitFractions.parse(split), seed);
    }

    /** --resample in Hz, NaN when not given. */
    double resample() {
        return resample == null ? Double.NaN : checkResample(resample);
    }

    static double checkResample(double hz) {
        if (!(hz > 0) || Double.isInfinite(hz)) {
            throw new TriaxException("--resample must be > 0 Hz, got " + hz);
        }
        return hz;
    }

    static double checkFs(double fs) {
        if (!(fs > 0) || Double.isInfinite(fs)) {
            throw new TriaxException("--fs must be > 0 Hz, got " + fs);
        }
        return fs;
    }

    static WindowFunction parseTaper(String name) {
        try {
            return WindowFunction.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TriaxException("unknown --taper '" + name + "' (hann, hamming, blackman, rectangular)");
        }
    }

    static SplitProtocol parseProtocol(String name) {
        try {
            return SplitProtocol.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new TriaxException("unknown --split-protocol '" + name + "' (auto, by-recording, time-blocks)");
        }
    }
}
