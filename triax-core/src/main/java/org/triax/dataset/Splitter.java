package org.triax.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.triax.TriaxException;

/** Makes a leak-free {@link SplitPlan} from recording labels and lengths. */
public final class Splitter {
    private Splitter() {
    }

    /** {@link #split(int[], int[], List, List, SplitProtocol, SplitFractions, long, int, String, List)} without groups. */
    public static SplitPlan split(int[] labels, int[] lengths, List<String> names, int classes, SplitProtocol protocol,
                                  SplitFractions fractions, long seed, int windowLength) {
        List<String> classNames = java.util.stream.IntStream.range(0, classes).mapToObj(c -> "#" + c).toList();
        return split(labels, lengths, names, classNames, protocol, fractions, seed, windowLength, null, List.of());
    }

    /**
     * @param labels class of each recording
     * @param lengths samples of each recording
     * @param names recording names for error messages
     * @param classNames class names for error messages
     * @param windowLength samples per window: every time block must hold one
     * @param grouping the grouping rule in words, null when there are no groups
     * @param groups the group of each recording (empty when there are none)
     */
    public static SplitPlan split(int[] labels, int[] lengths, List<String> names, List<String> classNames,
                                  SplitProtocol protocol, SplitFractions fractions, long seed, int windowLength,
                                  String grouping, List<String> groups) {
        return split(labels, lengths, names, classNames, protocol, fractions, seed, windowLength, grouping, groups,
                List.of());
    }

    /**
     * As above; {@code testGroups}, when not empty, are the test set of the by-group split (a fixed
     * partition, e.g. train on some loads and test on the others), validation whole groups of the rest.
     */
    public static SplitPlan split(int[] labels, int[] lengths, List<String> names, List<String> classNames,
                                  SplitProtocol protocol, SplitFractions fractions, long seed, int windowLength,
                                  String grouping, List<String> groups, List<String> testGroups) {
        int classes = classNames.size();
        int[] perClass = new int[classes];
        for (int l : labels) {
            perClass[l]++;
        }
        int fewest = Integer.MAX_VALUE;
        for (int n : perClass) {
            fewest = Math.min(fewest, n);
        }
        SplitProtocol used = protocol;
        if (used == SplitProtocol.AUTO) {
            used = !groups.isEmpty() ? SplitProtocol.BY_GROUP
                    : fewest >= SplitProtocol.MIN_RECORDINGS_PER_CLASS ? SplitProtocol.BY_RECORDING : SplitProtocol.TIME_BLOCKS;
        }
        if (!testGroups.isEmpty() && used != SplitProtocol.BY_GROUP) {
            throw new TriaxException("--test-groups " + String.join(",", testGroups) + " needs a by-group split: give "
                    + "--group-by REGEX or --groups MANIFEST.csv (and no other --split-protocol)");
        }
        if (used == SplitProtocol.BY_GROUP) {
            if (groups.isEmpty()) {
                throw new TriaxException("split by group needs a grouping: --group-by REGEX (on the recordings' relative "
                        + "paths) or --groups MANIFEST.csv (columns file,group), or group-by= / groups= in triax.properties");
            }
            GroupSplitter splitter = new GroupSplitter(labels, lengths, groups, classNames);
            List<SplitPlan.Block> blocks = testGroups.isEmpty() ? splitter.split(fractions, seed)
                    : splitter.leaveOut(testGroups, fractions, seed);
            return new SplitPlan(used, fractions, seed, blocks, grouping, groups);
        }
        if (used == SplitProtocol.BY_RECORDING && fewest < SplitProtocol.MIN_RECORDINGS_PER_CLASS) {
            throw new TriaxException("split by recording needs at least " + SplitProtocol.MIN_RECORDINGS_PER_CLASS
                    + " recordings per class, a class has " + fewest + ": use --split-protocol time-blocks");
        }
        List<SplitPlan.Block> blocks = used == SplitProtocol.BY_RECORDING
                ? byRecording(labels, lengths, classes, fractions, seed)
                : timeBlocks(labels, lengths, names, fractions, windowLength);
        return new SplitPlan(used, fractions, seed, blocks, groups.isEmpty() ? null : grouping, groups);
    }

    /**
     * Leave-one-group-out fold: the recordings of {@code heldOut} are the test set, validation takes
     * about its share of the other groups (whole groups), train the rest.
     */
    public static SplitPlan leaveGroupOut(int[] labels, int[] lengths, List<String> classNames, SplitFractions fractions,
                                          long seed, String grouping, List<String> groups, String heldOut) {
        List<SplitPlan.Block> blocks = new GroupSplitter(labels, lengths, groups, classNames)
                .leaveOut(List.of(heldOut), fractions, seed);
        return new SplitPlan(SplitProtocol.BY_GROUP, fractions, seed, blocks, grouping, groups);
    }

    private static List<SplitPlan.Block> byRecording(int[] labels, int[] lengths, int classes,
                                                     SplitFractions f, long seed) {
        Random rnd = new Random(seed);
        List<SplitPlan.Block> blocks = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    members.add(i);
                }
            }
            Collections.shuffle(members, rnd);
            int n = members.size();
            // each set gets at least one recording of every class; train keeps the rest
            int test = Math.max(1, (int) Math.round(n * f.test()));
            int val = Math.max(1, (int) Math.round(n * f.validation()));
            // when rounding up leaves train empty, the set (above 1) rounded up the most gives one back
            while (n - test - val < 1) {
                if (val == 1 || test > 1 && test - n * f.test() >= val - n * f.validation()) {
                    test--;
                } else {
                    val--;
                }
            }
            for (int k = 0; k < n; k++) {
                int r = members.get(k);
                Subset s = k < test ? Subset.TEST : k < test + val ? Subset.VALIDATION : Subset.TRAIN;
                blocks.add(new SplitPlan.Block(r, c, s, 0, lengths[r]));
            }
        }
        blocks.sort((a, b) -> Integer.compare(a.recording(), b.recording()));
        return blocks;
    }

    private static List<SplitPlan.Block> timeBlocks(int[] labels, int[] lengths, List<String> names, SplitFractions f,
                                                   int windowLength) {
        List<SplitPlan.Block> blocks = new ArrayList<>();
        for (int r = 0; r < labels.length; r++) {
            int n = lengths[r];
            int a = (int) Math.round(n * f.train());
            int b = (int) Math.round(n * (f.train() + f.validation()));
            int[][] ranges = {{0, a}, {a, b}, {b, n}};
            for (Subset s : Subset.values()) {
                int[] range = ranges[s.ordinal()];
                if (range[1] - range[0] < windowLength) {
                    throw new TriaxException(names.get(r) + " (" + n + " samples) is too short for a time-block split: its "
                            + s.name().toLowerCase() + " block has " + (range[1] - range[0]) + " samples, less than one window ("
                            + windowLength + ")");
                }
                blocks.add(new SplitPlan.Block(r, labels[r], s, range[0], range[1]));
            }
        }
        return blocks;
    }
}
