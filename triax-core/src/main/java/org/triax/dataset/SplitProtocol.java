package org.triax.dataset;

/**
 * How recordings are divided so that nothing leaks between train, validation and test.
 * <ul>
 * <li>{@link #BY_RECORDING}: whole recordings go to one set, stratified by class.</li>
 * <li>{@link #TIME_BLOCKS}: each recording's timeline is cut into disjoint consecutive blocks
 * (train first, then validation, then test); windows never cross a block edge. Used when a class
 * has too few recordings to give each set one.</li>
 * <li>{@link #BY_GROUP}: whole groups of recordings (a machine, bearing, run or load, from
 * {@link Grouping}) go to one set, stratified by class: the score is for machines never seen.</li>
 * </ul>
 * {@link #AUTO} is by group when a grouping is given, else by recording when every class has
 * {@link #MIN_RECORDINGS_PER_CLASS} recordings, else time blocks.
 */
public enum SplitProtocol {
    AUTO, BY_RECORDING, TIME_BLOCKS, BY_GROUP;

    /** Fewest recordings per class for which {@link #AUTO} splits by recording. */
    public static final int MIN_RECORDINGS_PER_CLASS = 3;

    /** The option spelling: by-recording, time-blocks, by-group. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
