package org.triax.signal;

import org.triax.TriaxException;

/**
 * Cuts a recording's timeline into fixed-length windows that advance by {@code hop} samples
 * (overlap = length - hop). Each window becomes one spectrogram, one network sample.
 */
public record WindowSpec(int length, int hop) {

    public static final WindowSpec DEFAULT = new WindowSpec(1024, 512);

    public WindowSpec {
        if (length <= 0) {
            throw new TriaxException("window length must be > 0 samples, got " + length);
        }
        if (hop <= 0) {
            throw new TriaxException("window hop must be > 0 samples, got " + hop);
        }
    }

    /** Windows that fit entirely inside the sample range {@code [from, to)}. */
    public int count(int from, int to) {
        int n = to - from;
        return n < length ? 0 : (n - length) / hop + 1;
    }

    /** Start sample of window {@code i} of the range beginning at {@code from}. */
    public int start(int from, int i) {
        return from + i * hop;
    }
}
