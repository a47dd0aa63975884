package org.triax.dataset;

import java.util.function.IntFunction;
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
        return of(read.index(), read.preprocessing(), r -> read.recordings().get(r));
    }

    /** The recordings of {@code index} in contract {@code pre} that {@code recording} gives by index. */
    static RecordingSource of(DatasetIndex index, Preprocessing pre, IntFunction<Recording> recording) {
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
                return recording.apply(r);
            }
        };
    }

    /**
     * Each recording read from its file when asked for, with a contract already chosen (by
     * {@link DatasetLoader#survey} or a cache entry's), exactly as {@link DatasetLoader#read(DataOptions,
     * ReadNotes)} reads it (the same read options, then conformed), so its windows are the in-memory path's.
     */
    static RecordingSource reading(DataOptions o, DatasetIndex index, Preprocessing pre) {
        ReadOptions options = DatasetLoader.readOptions(o, ReadNotes.DISCARD);
        return of(index, pre, r -> {
            Recording raw = RecordingReaders.read(index.files().get(r).path(), options);
            return pre.conform(pre.asOnlyChannel(raw, ReadNotes.DISCARD));
        });
    }
}
