package org.triax.dataset;

/**
 * How recordings are divided so that nothing leaks between train, validation and test.
 * <ul>
 * <li>{@link #BY_RECORDING}: whole recordings go to one set, stratified by class.</li>
 * <li>{@link #TIME_BLOCKS}: each recording's timeline is cut into disjoint consecutive blocks
 * (train first, then validation, then test); windows never cross a block edge. Used when a class
 * has too few recordings to give each set one.</li>
 * </ul>
 */
public enum SplitProtocol {
    AUTO, BY_RECORDING, TIME_BLOCKS;

    /** Fewest recordings per class for which {@link #AUTO} splits by recording. */
    public static final int MIN_RECORDINGS_PER_CLASS = 3;
}
