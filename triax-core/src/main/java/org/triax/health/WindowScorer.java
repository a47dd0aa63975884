package org.triax.health;

import org.triax.signal.Recording;

/**
 * Scores windows of a recording by how unlike the normal data they are (higher: less normal).
 * Safe to call from several threads. Closing it frees what it holds (native memory of a network).
 */
public interface WindowScorer extends AutoCloseable {

    /** The score of the window at each start of a recording already conformed to the model's preprocessing. */
    double[] scores(Recording conformed, int[] starts);

    @Override
    void close();
}
