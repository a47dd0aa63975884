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

    /** For training: channels and sampling rate resolved from options, properties and files. */
    public static PreparedDataset load(DataOptions o) {
        DatasetIndex index = DatasetIndex.scan(o.root());
        DatasetProperties props = DatasetProperties.read(o.root());
        double fs = !Double.isNaN(o.sampleRate()) ? o.sampleRate() : props.sampleRate();
        String variable = o.variable() != null ? o.variable() : props.variable();
        List<Recording> raw = readAll(index, new ReadOptions(fs, variable));
        List<String> channels = !o.channels().isEmpty() ? o.channels()
                : !props.channels().isEmpty() ? props.channels() : commonChannels(raw);
        Preprocessing pre = new Preprocessing(channels, commonSampleRate(raw), o.window(), o.stft());
        return prepare(index, pre, raw, o.protocol(), o.fractions(), o.seed());
    }

    /**
     * For evaluation: the same folder read with a model's saved contract and split, so that the
     * plan (and so the test set) is the one the model was trained with.
     */
    public static PreparedDataset load(DataOptions o, Preprocessing pre) {
        DatasetIndex index = DatasetIndex.scan(o.root());
        // the model does not save the variable: read the one training read (option, else properties)
        String variable = o.variable() != null ? o.variable() : DatasetProperties.read(o.root()).variable();
        List<Recording> raw = readAll(index, new ReadOptions(pre.sampleRate(), variable));
        return prepare(index, pre, raw, o.protocol(), o.fractions(), o.seed());
    }

    private static PreparedDataset prepare(DatasetIndex index, Preprocessing pre, List<Recording> raw,
                                           SplitProtocol protocol, SplitFractions fractions, long seed) {
        List<Recording> recs = raw.stream().map(pre::conform).toList();
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
