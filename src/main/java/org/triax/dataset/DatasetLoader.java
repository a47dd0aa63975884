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

    /**
     * For training: channels and sampling rate resolved from options, properties and files.
     *
     * @param notes gets what the readers left out (time stamp columns, ...) and assumed
     */
    public static PreparedDataset load(DataOptions o, ReadNotes notes) {
        DatasetIndex index = DatasetIndex.scan(o.root());
        DatasetProperties props = DatasetProperties.read(o.root());
        double fs = !Double.isNaN(o.sampleRate()) ? o.sampleRate() : props.sampleRate();
        String variable = o.variable() != null ? o.variable() : props.variable();
        List<String> named = !o.channels().isEmpty() ? o.channels() : props.channels();
        List<Recording> raw = readAll(index, new ReadOptions(fs, variable, named, notes));
        if (named.isEmpty()) {
            raw = oneChannelEach(o.root(), raw, notes);
        }
        List<String> channels = !named.isEmpty() ? named : commonChannels(raw);
        Preprocessing pre;
        if (Double.isNaN(o.resample())) {
            pre = new Preprocessing(channels, commonSampleRate(raw), o.window(), o.stft());
        } else {
            requireSampleRates(raw, o.resample());
            pre = new Preprocessing(channels, o.resample(), o.window(), o.stft(), true);
        }
        return prepare(index, pre, raw, o.protocol(), o.fractions(), o.seed());
    }

    /** For evaluation, notes discarded: {@link #load(DataOptions, Preprocessing, ReadNotes)}. */
    public static PreparedDataset load(DataOptions o, Preprocessing pre) {
        return load(o, pre, ReadNotes.DISCARD);
    }

    /**
     * For evaluation: the same folder read with a model's saved contract and split, so that the
     * plan (and so the test set) is the one the model was trained with. {@code o.sampleRate()}
     * is the user's rate for files that state none (NaN: the model's).
     */
    public static PreparedDataset load(DataOptions o, Preprocessing pre, ReadNotes notes) {
        DatasetIndex index = DatasetIndex.scan(o.root());
        // the model does not save the variable: read the one training read (option, else properties)
        String variable = o.variable() != null ? o.variable() : DatasetProperties.read(o.root()).variable();
        List<Recording> raw = readAll(index, new ReadOptions(o.sampleRate(), variable, pre.channels(), notes))
                .stream().map(r -> pre.asOnlyChannel(r, notes)).toList();
        return prepare(index, pre, raw, o.protocol(), o.fractions(), o.seed());
    }

    private static PreparedDataset prepare(DatasetIndex index, Preprocessing pre, List<Recording> raw,
                                           SplitProtocol protocol, SplitFractions fractions, long seed) {
        List<Recording> recs = raw.parallelStream().map(pre::conform).toList(); // parallel: resampling
        int[] labels = index.files().stream().mapToInt(LabelledFile::label).toArray();
        int[] lengths = recs.stream().mapToInt(Recording::length).toArray();
        List<String> names = index.files().stream().map(LabelledFile::relativePath).toList();
        SplitPlan plan = Splitter.split(labels, lengths, names, index.classes().size(), protocol, fractions, seed,
                pre.window().length());
        SpectrogramExtractor ex = pre.extractor();
        return new PreparedDataset(index, pre, plan,
                SpectrogramSet.extract(plan.blocks(Subset.TRAIN), recs, ex),
                SpectrogramSet.extract(plan.blocks(Subset.VALIDATION), recs, ex),
                SpectrogramSet.extract(plan.blocks(Subset.TEST), recs, ex),
                Fingerprint.of(index));
    }

    static List<Recording> readAll(DatasetIndex index, ReadOptions options) {
        return index.files().parallelStream().map(f -> RecordingReaders.read(f.path(), options)).toList();
    }

    /**
     * When every recording holds exactly one channel and their names differ ({@code data1},
     * {@code data2}, ...): all of them as the one channel {@link Preprocessing#ONLY_CHANNEL}, noted;
     * otherwise the recordings as they are.
     */
    static List<Recording> oneChannelEach(Path root, List<Recording> recs, ReadNotes notes) {
        List<String> names = recs.stream().map(r -> r.channels().get(0)).toList();
        if (recs.stream().anyMatch(r -> r.channelCount() != 1)
                || names.stream().allMatch(n -> n.equalsIgnoreCase(names.get(0)))) {
            return recs;
        }
        List<String> distinct = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).distinct().toList();
        notes.add(root.toString(), "every recording holds one channel, under " + distinct.size() + " different names ("
                + String.join(", ", distinct.subList(0, Math.min(3, distinct.size())))
                + (distinct.size() > 3 ? ", ..." : "") + "): all are read as the one channel "
                + Preprocessing.ONLY_CHANNEL);
        return recs.stream().map(r -> r.withChannelNames(List.of(Preprocessing.ONLY_CHANNEL))).toList();
    }

    /** Resampling needs each recording's own rate. */
    private static void requireSampleRates(List<Recording> recs, double target) {
        for (Recording r : recs) {
            if (!r.hasSampleRate()) {
                throw new TriaxException(r.source() + ": states no sampling rate, so it cannot be resampled to "
                        + target + " Hz; give the files' rate with --fs (or fs= in triax.properties)");
            }
        }
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
                        + " Hz (NaN = unknown: give it with --fs; to bring every recording to one rate: --resample HZ)");
            }
        }
        return first.sampleRate();
    }
}
