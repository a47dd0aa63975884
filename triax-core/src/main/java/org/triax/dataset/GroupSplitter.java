package org.triax.dataset;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.triax.TriaxException;

/**
 * Splits whole groups (machines, bearings, runs, loads): every recording of a group goes to the
 * same set, so a test score says how the model does on a machine it has never seen. Stratified:
 * each set gets every class where the groups allow, and a class found in fewer groups than there
 * are sets to fill is a clear error.
 */
final class GroupSplitter {
    private final int[] labels;
    private final int[] lengths;
    private final int classes;
    private final List<String> classNames;
    /** Group name -> its recordings, in sorted group order. */
    private final Map<String, List<Integer>> members = new TreeMap<>();

    GroupSplitter(int[] labels, int[] lengths, List<String> groups, List<String> classNames) {
        if (groups.size() != labels.length) {
            throw new IllegalArgumentException(groups.size() + " groups for " + labels.length + " recordings");
        }
        this.labels = labels;
        this.lengths = lengths;
        this.classes = classNames.size();
        this.classNames = classNames;
        for (int r = 0; r < labels.length; r++) {
            members.computeIfAbsent(groups.get(r), g -> new ArrayList<>()).add(r);
        }
    }

    List<String> groupNames() {
        return List.copyOf(members.keySet());
    }

    /** Validation and test get about their fraction of the recordings, in whole groups; train the rest. */
    List<SplitPlan.Block> split(SplitFractions f, long seed) {
        List<String> order = shuffled(new ArrayList<>(members.keySet()), seed);
        requireGroupsPerClass(order, Subset.values().length, "a by-group split (one for each of train, validation, test)");
        Map<Subset, Integer> target = new EnumMap<>(Subset.class);
        target.put(Subset.TEST, (int) Math.round(labels.length * f.test()));
        target.put(Subset.VALIDATION, (int) Math.round(labels.length * f.validation()));
        Map<String, Subset> assigned = assign(order, List.of(Subset.TEST, Subset.VALIDATION), target);
        requireCoverage(assigned, List.of(Subset.TRAIN, Subset.VALIDATION, Subset.TEST));
        return blocks(assigned);
    }

    /**
     * Leave groups out: {@code heldOut} is the test set (one group in a cv fold, or the groups a
     * user names); validation gets about its share of the rest in whole groups (every class where
     * the groups allow); train the remainder.
     */
    List<SplitPlan.Block> leaveOut(Collection<String> heldOut, SplitFractions f, long seed) {
        for (String g : heldOut) {
            if (!members.containsKey(g)) {
                throw new TriaxException("--test-groups names group '" + g + "', which no recording has (groups: "
                        + String.join(", ", members.keySet()) + ")");
            }
        }
        List<String> rest = new ArrayList<>(members.keySet());
        rest.removeAll(heldOut);
        List<String> order = shuffled(rest, seed);
        requireGroupsPerClass(order, 2, "training and validation beside the held-out group(s) " + heldOut);
        int others = 0;
        for (String g : rest) {
            others += members.get(g).size();
        }
        double share = f.validation() / (f.train() + f.validation());
        Map<Subset, Integer> target = new EnumMap<>(Subset.class);
        target.put(Subset.VALIDATION, Math.max(1, (int) Math.round(others * share)));
        Map<String, Subset> assigned = assign(order, List.of(Subset.VALIDATION), target);
        requireCoverage(assigned, List.of(Subset.TRAIN, Subset.VALIDATION));
        heldOut.forEach(g -> assigned.put(g, Subset.TEST));
        return blocks(assigned);
    }

    /**
     * Greedy, seeded: for each set in turn, first a group for every class it lacks, then groups
     * until it is closest to its target size; a group is only taken when every class keeps enough
     * unassigned groups for the sets still to fill (train last, from what is left).
     */
    private Map<String, Subset> assign(List<String> order, List<Subset> sets, Map<Subset, Integer> target) {
        Map<String, Subset> assigned = new LinkedHashMap<>();
        for (int s = 0; s < sets.size(); s++) {
            Subset set = sets.get(s);
            int later = sets.size() - s; // the sets after this one in the list, plus train
            boolean[] has = new boolean[classes];
            int size = 0;
            for (int c = 0; c < classes; c++) {
                for (String g : order) {
                    if (has[c]) {
                        break;
                    }
                    if (!assigned.containsKey(g) && contains(g, c) && keepsEnough(order, assigned, g, has, later)) {
                        assigned.put(g, set);
                        size += members.get(g).size();
                        markClasses(g, has);
                        break;
                    }
                }
            }
            for (String g : order) {
                int n = members.get(g).size();
                if (!assigned.containsKey(g) && Math.abs(size + n - target.get(set)) < Math.abs(size - target.get(set))
                        && keepsEnough(order, assigned, g, has, later)) {
                    assigned.put(g, set);
                    size += n;
                }
            }
        }
        for (String g : order) {
            assigned.putIfAbsent(g, Subset.TRAIN);
        }
        return assigned;
    }

    /**
     * After taking {@code g} for the current set (whose classes so far are {@code has}), does every
     * class still lie in enough unassigned groups for the sets that will need it: the current one
     * if it still lacks the class, and each of the {@code later} sets?
     */
    private boolean keepsEnough(List<String> order, Map<String, Subset> assigned, String g, boolean[] has, int later) {
        for (int c = 0; c < classes; c++) {
            int need = later + (has[c] || contains(g, c) ? 0 : 1);
            int free = 0;
            for (String h : order) {
                if (!h.equals(g) && !assigned.containsKey(h) && contains(h, c)) {
                    free++;
                }
            }
            if (free < need) {
                return false;
            }
        }
        return true;
    }

    /** Every set in {@code sets} holds every class (else no honest score: say which class and why). */
    private void requireCoverage(Map<String, Subset> assigned, List<Subset> sets) {
        for (Subset set : sets) {
            boolean[] has = new boolean[classes];
            assigned.forEach((g, s) -> {
                if (s == set) {
                    markClasses(g, has);
                }
            });
            for (int c = 0; c < classes; c++) {
                if (!has[c]) {
                    List<String> with = new ArrayList<>();
                    for (String g : members.keySet()) {
                        if (contains(g, c)) {
                            with.add(g + "->" + assigned.get(g).name().toLowerCase(java.util.Locale.ROOT));
                        }
                    }
                    throw new TriaxException("the " + set.name().toLowerCase(java.util.Locale.ROOT) + " set gets no "
                            + classNames.get(c) + " recording: its groups " + with + " are needed elsewhere; "
                            + "give that class more groups or change --split / --seed");
                }
            }
        }
    }

    private void requireGroupsPerClass(List<String> order, int needed, String what) {
        for (int c = 0; c < classes; c++) {
            List<String> with = new ArrayList<>();
            for (String g : order) {
                if (contains(g, c)) {
                    with.add(g);
                }
            }
            if (with.size() < needed) {
                Collections.sort(with);
                throw new TriaxException("class " + classNames.get(c) + " has recordings in only " + with.size()
                        + " group(s) " + with + ": " + what + " needs " + needed
                        + " (regroup with --group-by, or use --split-protocol by-recording / time-blocks)");
            }
        }
    }

    private boolean contains(String g, int c) {
        for (int r : members.get(g)) {
            if (labels[r] == c) {
                return true;
            }
        }
        return false;
    }

    private void markClasses(String g, boolean[] has) {
        for (int r : members.get(g)) {
            has[labels[r]] = true;
        }
    }

    private List<SplitPlan.Block> blocks(Map<String, Subset> assigned) {
        List<SplitPlan.Block> blocks = new ArrayList<>();
        assigned.forEach((g, s) -> {
            for (int r : members.get(g)) {
                blocks.add(new SplitPlan.Block(r, labels[r], s, 0, lengths[r]));
            }
        });
        blocks.sort((a, b) -> Integer.compare(a.recording(), b.recording()));
        return blocks;
    }

    private static List<String> shuffled(List<String> groups, long seed) {
        Collections.sort(groups);
        Collections.shuffle(groups, new Random(seed));
        return groups;
    }
}
