package org.triax.dataset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.triax.TriaxException;
import org.triax.signal.Preprocessing;
import org.triax.signal.ReadNotes;
import org.triax.signal.ReadOptions;
import org.triax.signal.Recording;
import org.triax.signal.RecordingReaders;
import org.triax.signal.SpectrogramExtractor;

/** Reads a dataset folder, splits it without leaks and computes the window spectrograms. */
public final class DatasetLoader {
    private DatasetLoader() {
    }

    /** For training, notes discarded: {@link #load(DataOptions, ReadNotes)}. */
    public static PreparedDataset load(DataOptions o) {
        return load(o, ReadNotes.DISCARD);
    }

    /** For training: read, split as the options say, and compute the spectrograms. */
    public static PreparedDataset load(DataOptions o, ReadNotes notes) {
        LoadedRecordings d = read(o, notes);
        return prepare(d, plan(d, o));
    }

    /**
     * Reads a dataset folder for training: channels, sampling rate, grouping and the sizes left to
     * the data resolved from the options, {@code triax.properties} and the files.
     *
     * @param notes gets what the readers left out (time stamp columns, ...) and assumed
     */
    public static LoadedRecordings read(DataOptions o, ReadNotes notes) {
        return read(o, DatasetIndex.scan(o.root()), notes);
    }

    /**
     * {@link #read(DataOptions, ReadNotes)} of the recordings {@code index} lists (a subset of a
     * folder, such as its normal class or the first part of a run; {@code o.root()} holds its
     * triax.properties).
     */
    public static LoadedRecordings read(DataOptions o, DatasetIndex index, ReadNotes notes) {
        ReadOptions options = readOptions(o, notes);
        List<Recording> raw = readAll(index, options);
        Contract c = contract(o, options, raw.stream().map(RecordingShape::of).toList(), notes);
        if (c.oneChannel()) {
            raw = raw.stream().map(r -> r.withChannelNames(List.of(Preprocessing.ONLY_CHANNEL))).toList();
        }
        return conform(index, c.pre(), raw, options.variable(), c.grouping(), c.chosen());
    }

    /**
     * What {@link #read(DataOptions, DatasetIndex, ReadNotes)} decides (contract, lengths, groups),
     * with the recordings read one at a time and their samples dropped: the heap holds one recording,
     * whatever the dataset's size. {@link RecordingSource#reading} then reads each one as {@code read} does.
     */
    public static DatasetShape survey(DataOptions o, DatasetIndex index, ReadNotes notes) {
        ReadOptions options = readOptions(o, notes);
        List<RecordingShape> shapes = new ArrayList<>();
        for (LabelledFile f : index.files()) {
            shapes.add(RecordingShape.of(RecordingReaders.read(f.path(), options)));
        }
        Contract c = contract(o, options, shapes, notes);
        Preprocessing pre = c.pre();
        int[] lengths = new int[shapes.size()];
        for (int r = 0; r < lengths.length; r++) {
            RecordingShape s = c.shapes().get(r);
            for (String channel : pre.channels()) {
                Recording.channelIndex(s.source(), s.channels(), channel); // as conform selects them
            }
            lengths[r] = pre.conformedLength(s.source(), s.length(), s.sampleRate());
        }
        return new DatasetShape(index, pre, lengths, options.variable(), c.grouping() == null ? null : c.grouping().rule(),
                groups(index, c.grouping()), Fingerprint.of(index), c.chosen());
    }

    /**
     * The contract chosen from the recordings' shapes: channels, rate, sizes; and whether every
     * recording is read as the one channel {@link Preprocessing#ONLY_CHANNEL} ({@code shapes} then named so).
     */
    private record Contract(Preprocessing pre, Grouping grouping, List<String> chosen, boolean oneChannel,
                            List<RecordingShape> shapes) {
    }

    private static Contract contract(DataOptions o, ReadOptions options, List<RecordingShape> shapes, ReadNotes notes) {
        DatasetProperties props = DatasetProperties.read(o.root());
        List<String> named = options.keep();
        boolean oneChannel = named.isEmpty() && oneChannelEach(o.root(), shapes, notes);
        if (oneChannel) {
            shapes = shapes.stream().map(s -> s.withChannelNames(List.of(Preprocessing.ONLY_CHANNEL))).toList();
        }
        List<String> channels = !named.isEmpty() ? named : commonChannels(shapes);
        double rate;
        double shortest;
        if (Double.isNaN(o.resample())) {
            rate = commonSampleRate(shapes);
            shortest = shapes.stream().mapToInt(RecordingShape::length).min().orElse(0);
        } else {
            requireSampleRates(shapes, o.resample());
            rate = o.resample();
            shortest = shapes.stream().mapToDouble(r -> r.length() * o.resample() / r.sampleRate()).min().orElse(0);
        }
        AnalysisSizes sizes = AnalysisSizes.choose(o.window(), o.stft(), o.fromData(), (int) shortest, rate);
        List<String> chosen = new ArrayList<>();
        if (sizes.description() != null) {
            chosen.add(sizes.description());
        }
        Preprocessing pre = new Preprocessing(channels, rate, sizes.window(), sizes.stft(), !Double.isNaN(o.resample()),
                o.transform());
        Grouping grouping = o.grouping() != null ? o.grouping() : props.grouping();
        return new Contract(pre, grouping, chosen, oneChannel, shapes);
    }

    /**
     * How training reads each recording of {@code o}: the rate for files that state none, the
     * variable and the channels named (options first, then {@code triax.properties}); a reader of
     * one recording elsewhere (a Spark executor) reads it exactly as {@link #read} does.
     */
    public static ReadOptions readOptions(DataOptions o, ReadNotes notes) {
        DatasetProperties props = DatasetProperties.read(o.root());
        double fs = !Double.isNaN(o.sampleRate()) ? o.sampleRate() : props.sampleRate();
        String variable = o.variable() != null ? o.variable() : props.variable();
        List<String> named = !o.channels().isEmpty() ? o.channels() : props.channels();
        return new ReadOptions(fs, variable, named, notes);
    }

    /** {@link #read(DataOptions, ReadNotes)} with notes discarded. */
    public static LoadedRecordings read(DataOptions o) {
        return read(o, ReadNotes.DISCARD);
    }

    /** {@link #read(DataOptions, DatasetIndex, ReadNotes)} with notes discarded. */
    public static LoadedRecordings read(DataOptions o, DatasetIndex index) {
        return read(o, index, ReadNotes.DISCARD);
    }

    /**
     * Reads a dataset folder with a model's saved contract (evaluation). {@code o.sampleRate()} is
     * the user's rate for files that state none (NaN: the model's).
     */
    public static LoadedRecordings read(DataOptions o, Preprocessing pre, ReadNotes notes) {
        DatasetIndex index = DatasetIndex.scan(o.root());
        // read the variable training read (option, else properties) when the model does not say
        String variable = o.variable() != null ? o.variable() : DatasetProperties.read(o.root()).variable();
        List<Recording> raw = readAll(index, new ReadOptions(o.sampleRate(), variable, pre.channels(), notes))
                .stream().map(r -> pre.asOnlyChannel(r, notes)).toList();
        return conform(index, pre, raw, variable, o.grouping(), List.of());
    }

    /** For evaluation, notes discarded: {@link #load(DataOptions, Preprocessing, ReadNotes)}. */
    public static PreparedDataset load(DataOptions o, Preprocessing pre) {
        return load(o, pre, ReadNotes.DISCARD);
    }

    /** The folder read with a model's saved contract and split as the options say. */
    public static PreparedDataset load(DataOptions o, Preprocessing pre, ReadNotes notes) {
        LoadedRecordings d = read(o, pre, notes);
        return prepare(d, plan(d, o.protocol(), o.fractions(), o.seed()));
    }

    /** The split of {@code d} by {@code protocol} (by group when {@code d} has groups and protocol is auto). */
    public static SplitPlan plan(LoadedRecordings d, SplitProtocol protocol, SplitFractions fractions, long seed) {
        return plan(d.shape(), protocol, fractions, seed, List.of());
    }

    /** The split the options ask for: protocol, fractions, seed and any fixed test groups. */
    public static SplitPlan plan(LoadedRecordings d, DataOptions o) {
        return plan(d.shape(), o);
    }

    /** The split the options ask for of a dataset surveyed without its samples. */
    public static SplitPlan plan(DatasetShape d, DataOptions o) {
        return plan(d, o.protocol(), o.fractions(), o.seed(), o.testGroups());
    }

    private static SplitPlan plan(DatasetShape d, SplitProtocol protocol, SplitFractions fractions, long seed,
                                  List<String> testGroups) {
        return Splitter.split(d.labels(), d.lengths(), d.names(), d.index().classes(), protocol, fractions, seed,
                d.preprocessing().window().length(), d.grouping(), d.groups(), testGroups);
    }

    /** The three sets of window spectrograms of {@code d} under {@code plan}. */
    public static PreparedDataset prepare(LoadedRecordings d, SplitPlan plan) {
        SpectrogramExtractor ex = d.preprocessing().extractor();
        List<Recording> recs = d.recordings();
        return new PreparedDataset(d.index(), d.preprocessing(), plan,
                SpectrogramSet.extract(plan.blocks(Subset.TRAIN), recs, ex),
                SpectrogramSet.extract(plan.blocks(Subset.VALIDATION), recs, ex),
                SpectrogramSet.extract(plan.blocks(Subset.TEST), recs, ex),
                d.fingerprint());
    }

    private static LoadedRecordings conform(DatasetIndex index, Preprocessing pre, List<Recording> raw, String variable,
                                            Grouping grouping, List<String> notes) {
        List<Recording> recs = raw.parallelStream().map(pre::conform).toList(); // parallel: resampling
        return new LoadedRecordings(index, pre, recs, variable, grouping == null ? null : grouping.rule(),
                groups(index, grouping), Fingerprint.of(index), notes);
    }

    private static List<String> groups(DatasetIndex index, Grouping grouping) {
        return grouping == null ? List.of() : grouping.groupsOf(index);
    }

    static List<Recording> readAll(DatasetIndex index, ReadOptions options) {
        return index.files().parallelStream().map(f -> RecordingReaders.read(f.path(), options)).toList();
    }

    /**
     * True when every recording holds exactly one channel and their names differ ({@code data1},
     * {@code data2}, ...): all of them are then read as the one channel {@link Preprocessing#ONLY_CHANNEL}, noted.
     */
    static boolean oneChannelEach(Path root, List<RecordingShape> recs, ReadNotes notes) {
        List<String> names = recs.stream().map(r -> r.channels().get(0)).toList();
        if (recs.stream().anyMatch(r -> r.channelCount() != 1)
                || names.stream().allMatch(n -> n.equalsIgnoreCase(names.get(0)))) {
            return false;
        }
        List<String> distinct = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).distinct().toList();
        notes.add(root.toString(), "every recording holds one channel, under " + distinct.size() + " different names ("
                + String.join(", ", distinct.subList(0, Math.min(3, distinct.size())))
                + (distinct.size() > 3 ? ", ..." : "") + "): all are read as the one channel "
                + Preprocessing.ONLY_CHANNEL);
        return true;
    }

    /** Resampling needs each recording's own rate. */
    private static void requireSampleRates(List<RecordingShape> recs, double target) {
        for (RecordingShape r : recs) {
            if (!r.hasSampleRate()) {
                throw new TriaxException(r.source() + ": states no sampling rate, so it cannot be resampled to "
                        + target + " Hz; give the files' rate with --fs (or fs= in triax.properties)");
            }
        }
    }

    /** Channels every recording has (names compared ignoring case, as selecting does), in the first one's order. */
    static List<String> commonChannels(List<RecordingShape> recs) {
        List<String> common = new ArrayList<>(recs.get(0).channels());
        for (RecordingShape r : recs) {
            List<String> before = List.copyOf(common);
            common.removeIf(c -> r.channels().stream().noneMatch(c::equalsIgnoreCase));
            if (common.isEmpty()) {
                // name the recording that left nothing in common: among many files it is the one to look at
                throw new TriaxException("the recordings share no channel name (first: " + recs.get(0).source()
                        + " has " + recs.get(0).channels() + "; " + r.source() + " has " + r.channels()
                        + " and lacks " + String.join(", ", before) + "): choose with --channels");
            }
        }
        return new ArrayList<>(common);
    }

    /** The one sampling rate of all recordings (NaN when none says); mixed rates are an error. */
    static double commonSampleRate(List<RecordingShape> recs) {
        RecordingShape first = recs.get(0);
        for (RecordingShape r : recs) {
            boolean same = Double.isNaN(r.sampleRate()) ? Double.isNaN(first.sampleRate())
                    : Math.abs(r.sampleRate() - first.sampleRate()) <= 1e-6 * r.sampleRate();
            if (!same) {
                throw new TriaxException("recordings have different sampling rates: " + first.source() + " "
                        + first.sampleRate() + " Hz, " + r.source() + " " + r.sampleRate()
                        + " Hz (NaN = unknown: give it with --fs; to bring every recording to one rate: --resample HZ)");
            }
        }
        return first.sampleRate();
    }
}
