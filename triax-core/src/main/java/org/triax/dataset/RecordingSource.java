package org.triax.dataset;

import org.triax.signal.Preprocessing;
import org.triax.signal.ReadNotes;
import org.triax.signal.ReadOptions;
import org.triax.signal.Recording;
import org.triax.signal.RecordingReaders;

/**
 * A dataset's recordings one at a time, in its contract: those in memory ({@link LoadedRecordings}),
 * or each read from its file when asked for, so that a pass over a dataset larger than the heap
 * holds one recording at a time.
 */
public interface RecordingSource {
    DatasetIndex index();

    Preprocessing preprocessing();

    /** Recording {@code r} of the index, conformed to the contract. */
    Recording recording(int r);

    /** The recordings in memory. */
    static RecordingSource of(LoadedRecordings read) {
        return new RecordingSource() {
            @Override
            public DatasetIndex index() {
                return read.index();
            }

            @Override
            public Preprocessing preprocessing() {
                return read.preprocessing();
            }

            @Override
            public Recording recording(int r) {
                return read.recordings().get(r);
            }
        };
    }

    /**
     * Each recording read from its file when asked for, with a contract already chosen (a cache
     * entry's), the way {@link DatasetLoader#read(DataOptions, Preprocessing, ReadNotes)} reads it.
     */
    static RecordingSource reading(DataOptions o, DatasetIndex index, Preprocessing pre) {
        String variable = o.variable() != null ? o.variable() : DatasetProperties.read(o.root()).variable();
        double fs = !Double.isNaN(o.sampleRate()) ? o.sampleRate() : DatasetProperties.read(o.root()).sampleRate();
        ReadOptions options = new ReadOptions(fs, variable, pre.channels(), ReadNotes.DISCARD);
        return new RecordingSource() {
            @Override
            public DatasetIndex index() {
                return index;
            }

            @Override
            public Preprocessing preprocessing() {
                return pre;
            }

            @Override
            public Recording recording(int r) {
                Recording raw = RecordingReaders.read(index.files().get(r).path(), options);
                return pre.conform(pre.asOnlyChannel(raw, ReadNotes.DISCARD));
            }
        };
    }
}
