package org.triax.cli;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.triax.TriaxException;
import org.triax.dataset.DataOptions;
import org.triax.dataset.DatasetProperties;
import org.triax.dataset.Grouping;
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

    @Option(names = "--window", paramLabel = "SAMPLES", description = "samples per window (one spectrogram each; default "
            + "from the data: the longest power of two up to 1024 giving the shortest recording >= 16 windows)")
    Integer window;

    @Option(names = "--hop", paramLabel = "SAMPLES", description = "samples between window starts (default half the window: 50 %% overlap)")
    Integer hop;

    @Option(names = "--segment", paramLabel = "SAMPLES", description = "STFT segment length (default a quarter of the window, at most 128)")
    Integer segment;

    @Option(names = "--overlap", paramLabel = "SAMPLES", description = "STFT segment overlap (default 7/8 of the segment)")
    Integer overlap;

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

    @Option(names = "--split-protocol", paramLabel = "P", description = "auto, by-recording, time-blocks or by-group (default auto: "
            + "by group when a grouping is given, else by recording when every class has >= 3 recordings, else time blocks)")
    String protocol = "auto";

    @Option(names = "--group-by", paramLabel = "REGEX", description = "recordings that belong together (machine, bearing, run, load): "
            + "a regex on each recording's path relative to the data folder; its first capture group (else the match) names the group")
    String groupBy;

    @Option(names = "--groups", paramLabel = "CSV", description = "a manifest CSV with columns file,group (file relative to the data folder)")
    Path groups;

    @Option(names = "--test-groups", paramLabel = "G,G,..", description = "train only: these groups are the test set of the "
            + "by-group split (e.g. train on some loads, test on the others); validation takes whole groups of the rest")
    String testGroups;

    /** The STFT settings; sizes not given take the defaults (a dataset chooses them from its recordings instead). */
    StftConfig stft() {
        int seg = segment != null ? segment : StftConfig.DEFAULT.segment();
        int ov = overlap != null ? overlap : segment != null ? seg - seg / 8 : StftConfig.DEFAULT.overlap();
        return new StftConfig(seg, ov, parseTaper(taper), dbFloor, fmin, fmax);
    }

    WindowSpec windowSpec() {
        int w = window != null ? window : WindowSpec.DEFAULT.length();
        return new WindowSpec(w, hop != null ? hop : window != null ? Math.max(1, w / 2) : WindowSpec.DEFAULT.hop());
    }

    /** The options for the dataset folder {@code root} (public: triax-spark prepare takes the same options as train). */
    public DataOptions toOptions(Path root, long seed) {
        Set<DataOptions.Size> fromData = EnumSet.noneOf(DataOptions.Size.class);
        if (window == null) {
            fromData.add(DataOptions.Size.WINDOW);
        }
        if (hop == null) {
            fromData.add(DataOptions.Size.HOP);
        }
        if (segment == null) {
            fromData.add(DataOptions.Size.SEGMENT);
        }
        if (overlap == null) {
            fromData.add(DataOptions.Size.OVERLAP);
        }
        if (groupBy != null && groups != null) {
            throw new TriaxException("give either --group-by or --groups, not both");
        }
        Grouping grouping = groupBy != null ? Grouping.byPattern(groupBy) : groups != null ? Grouping.byManifest(groups) : null;
        return new DataOptions(root, DatasetProperties.parseList(channels), fs == null ? Double.NaN : checkFs(fs),
                variable, windowSpec(), stft(), parseProtocol(protocol), SplitFractions.parse(split), seed, resample(),
                grouping, fromData, null, DatasetProperties.parseList(testGroups));
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
            throw new TriaxException("unknown --split-protocol '" + name + "' (auto, by-recording, time-blocks, by-group)");
        }
    }
}
