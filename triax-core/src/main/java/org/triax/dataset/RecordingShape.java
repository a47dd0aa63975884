package org.triax.dataset;

import java.util.List;
import org.triax.signal.Recording;

/**
 * What choosing a dataset's channels, rate and window sizes needs of one recording: everything but
 * its samples, so that a dataset larger than the heap can be surveyed one recording at a time.
 */
record RecordingShape(String source, List<String> channels, double sampleRate, int length) {

    static RecordingShape of(Recording r) {
        return new RecordingShape(r.source(), r.channels(), r.sampleRate(), r.length());
    }

    int channelCount() {
        return channels.size();
    }

    boolean hasSampleRate() {
        return !Double.isNaN(sampleRate);
    }

    RecordingShape withChannelNames(List<String> names) {
        return new RecordingShape(source, names, sampleRate, length);
    }
}
