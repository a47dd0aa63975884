package org.triax.dataset;

import java.util.ArrayList;
import java.util.List;
import org.triax.TriaxException;
import org.triax.signal.Preprocessing;
import org.triax.signal.ReadOptions;
import org.triax.signal.Recording;
import org.triax.signal.RecordingReaders;
import org.triax.signal.SpectrogramExtractor;

/** Reads a dataset folder, splits it without leaks and computes the window spectrograms. */
public final class DatasetLoader {
    private DatasetLoader() {
    }

    /** For training: read, split as the options say, and compute the spectrograms. */
    public static PreparedDataset load(DataOptions o) {
        LoadedRecordings d = read(o);
        return prepare(d, plan(d, o.protocol(), o.fractions(), o.seed()));
    }

    /**
     * Reads a dataset folder for training: channels, sampling rate, grouping and the sizes left to
     * the data resolved from the options, {@code triax.properties} and the files.
     */
    public static LoadedRecordings read(DataOptions o) {
        return read(o, DatasetIndex.scan(o.root()));
    }

    /**
     * {@link #read(DataOptions)} of the recordings {@code index} lists (a subset of a folder, such as
     * its normal class or the first part of a run; {@code o.root()} holds its triax.properties).
     */
    public static LoadedRecordings read(DataOptions o, DatasetIndex index) {
        DatasetProperties props = DatasetProperties.read(o.root());
        double fs = !Double.isNaN(o.sampleRate()) ? o.sampleRate() : props.sampleRate();
        String variable = o.variable() != null ? o.variable() : props.variable();
        List<Recording> raw = readAll(index, new ReadOptions(fs, variable));
        List<String> channels = !o.channels().isEmpty() ? o.channels()
                : !props.channels().isEmpty() ? props.channels() : commonChannels(raw);
        double rate = commonSampleRate(raw);
        int shortest = raw.stream().mapToInt(Recording::length).min().orElse(0);
        AnalysisSizes sizes = AnalysisSizes.choose(o.window(), o.stft(), o.fromData(), shortest, rate);
        List<String> notes = new ArrayList<>();
        if (sizes.description() != null) {
            notes.add(sizes.description());
        }
        Preprocessing pre = new Preprocessing(channels, rate, sizes.window(), sizes.stft());
        Grouping grouping = o.grouping() != null ? o.grouping() : props.grouping();
        return conform(index, pre, raw, variable, grouping, notes);
    }

    /** Reads a dataset folder with a model's saved contract (evaluation). */
    public static LoadedRecordings read(DataOptions o, Preprocessing pre) {
        DatasetIndex index = DatasetIndex.scan(o.root());
        // read the variable training read (option, else properties) when the model does not say
        String variable = o.variable() != null ? o.variable() : DatasetProperties.read(o.root()).variable();
        List<Recording> raw = readAll(index, new ReadOptions(pre.sampleRate(), variable));
        return conform(index, pre, raw, variable, o.grouping(), List.of());
    }

    /**
     * For evaluation: the same folder read with a model's saved contract and split, so that the
     * plan (and so the test set) is the one the model was trained with.
     */
    public static PreparedDataset load(DataOptions o, Preprocessing pre) {
        LoadedRecordings d = read(o, pre);
        return prepare(d, plan(d, o.protocol(), o.fractions(), o.seed()));
    }

    /** The split of {@code d} by {@code protocol} (by group when {@code d} has groups and protocol is auto). */
    public static SplitPlan plan(LoadedRecordings d, SplitProtocol protocol, SplitFractions fractions, long seed) {
        return Splitter.split(d.labels(), d.lengths(), d.names(), d.index().classes(), protocol, fractions, seed,
                d.preprocessing().window().length(), d.grouping(), d.groups());
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
        List<Recording> recs = raw.stream().map(pre::conform).toList();
        List<String> groups = grouping == null ? List.of() : grouping.groupsOf(index);
        return new LoadedRecordings(index, pre, recs, variable, grouping == null ? null : grouping.rule(), groups,
                Fingerprint.of(index), notes);
    }

    static List<Recording> readAll(DatasetIndex index, ReadOptions options) {
        return index.files().parallelStream().map(f -> RecordingReaders.read(f.path(), options)).toList();
    }

    /** Channels every recording has (names compared ignoring case, as selecting does), in the first one's order. */
    static List<String> commonChannels(List<Recording> recs) {
        List<String> common = new ArrayList<>(recs.get(0).channels());
        for (Recording r : recs) {
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
    static double commonSampleRate(List<Recording> recs) {
        Recording first = recs.get(0);
        for (Recording r : recs) {
            boolean same = Double.isNaN(r.sampleRate()) ? Double.isNaN(first.sampleRate())
                    : Math.abs(r.sampleRate() - first.sampleRate()) <= 1e-6 * r.sampleRate();
            if (!same) {
                throw new TriaxException("recordings have different sampling rates: " + first.source() + " "
                        + first.sampleRate() + " Hz, " + r.source() + " " + r.sampleRate()
                        + " Hz (NaN = unknown; set one with --fs)");
            }
        }
        return first.sampleRate();
    }
}
