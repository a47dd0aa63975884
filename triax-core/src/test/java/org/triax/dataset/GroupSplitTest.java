package org.triax.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.triax.TriaxException;

/** Whole groups on one side of the split, every set with every class, seeded; leave-one-group-out folds. */
class GroupSplitTest {
    private static final List<String> CLASSES = List.of("healthy", "faulty", "worn");

    /** Random problems: groups of 1-4 recordings, each group of one class or mixed. */
    private record Problem(int[] labels, int[] lengths, List<String> groups) {
    }

    private static Problem problem(Random rnd, int groupCount, boolean mixed) {
        List<Integer> labels = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (int g = 0; g < groupCount; g++) {
            int n = 1 + rnd.nextInt(4);
            int cls = g % CLASSES.size(); // every class in about groupCount / 3 groups
            for (int k = 0; k < n; k++) {
                labels.add(mixed ? (cls + k) % CLASSES.size() : cls);
                groups.add("machine-" + g);
            }
        }
        int[] l = labels.stream().mapToInt(Integer::intValue).toArray();
        int[] lengths = new int[l.length];
        java.util.Arrays.fill(lengths, 5000);
        return new Problem(l, lengths, groups);
    }

    private static SplitPlan split(Problem p, long seed) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < p.labels().length; i++) {
            names.add(p.groups().get(i) + "/r" + i + ".csv");
        }
        return Splitter.split(p.labels(), p.lengths(), names, CLASSES, SplitProtocol.AUTO, SplitFractions.DEFAULT, seed,
                1024, "test grouping", p.groups());
    }

    @Test
    void everyGroupLiesInOneSetAndEverySetHasEveryClass() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 60; trial++) {
            Problem p = problem(rnd, 9 + rnd.nextInt(20), rnd.nextBoolean());
            SplitPlan plan = split(p, trial);
            assertEquals(SplitProtocol.BY_GROUP, plan.protocol(), "auto picks by-group when groups are given");
            Map<String, Subset> setOf = new HashMap<>();
            Map<Subset, Set<Integer>> classes = new EnumMap<>(Subset.class);
            assertEquals(p.labels().length, plan.blocks().size(), "one whole-recording block per recording");
            for (SplitPlan.Block b : plan.blocks()) {
                assertEquals(0, b.from());
                assertEquals(p.lengths()[b.recording()], b.to());
                Subset before = setOf.put(p.groups().get(b.recording()), b.subset());
                assertTrue(before == null || before == b.subset(), "group " + p.groups().get(b.recording())
                        + " is in " + before + " and " + b.subset());
                classes.computeIfAbsent(b.subset(), s -> new HashSet<>()).add(b.label());
            }
            for (Subset s : Subset.values()) {
                assertEquals(Set.of(0, 1, 2), classes.get(s), s + " lacks a class in trial " + trial);
            }
            assertEquals(p.groups(), plan.groups());
        }
    }

    @Test
    void theSplitFollowsTheSeedAndTheFractionsRoughly() {
        Problem p = problem(new Random(3), 30, false);
        SplitPlan a = split(p, 1);
        assertEquals(a.blocks(), split(p, 1).blocks(), "same seed, same split");
        assertNotEquals(a.blocks(), split(p, 2).blocks(), "another seed, another split");
        int n = p.labels().length;
        assertTrue(a.blocks(Subset.TRAIN).size() > n / 2, a.describe());
        assertTrue(a.blocks(Subset.TEST).size() <= n * 0.15 + 4, a.describe());
        assertTrue(a.describe().contains("by-group (test grouping)"), a.describe());
    }

    @Test
    void aClassInFewerThanThreeGroupsIsAClearError() {
        int[] labels = {0, 0, 0, 1, 1, 1};
        List<String> groups = List.of("a", "b", "c", "d", "d", "e");
        int[] lengths = {9, 9, 9, 9, 9, 9};
        TriaxException e = assertThrows(TriaxException.class, () -> Splitter.split(labels, lengths,
                List.of("1", "2", "3", "4", "5", "6"), List.of("healthy", "faulty"), SplitProtocol.BY_GROUP,
                SplitFractions.DEFAULT, 1, 4, "g", groups));
        assertEquals("class faulty has recordings in only 2 group(s) [d, e]: a by-group split (one for each of train, "
                + "validation, test) needs 3 (regroup with --group-by, or use --split-protocol by-recording / "
                + "time-blocks)", e.getMessage());
    }

    @Test
    void byGroupWithoutAGroupingSaysHowToGiveOne() {
        TriaxException e = assertThrows(TriaxException.class, () -> Splitter.split(new int[] {0, 1}, new int[] {9, 9},
                List.of("a", "b"), List.of("x", "y"), SplitProtocol.BY_GROUP, SplitFractions.DEFAULT, 1, 4, null,
                List.of()));
        assertTrue(e.getMessage().contains("--group-by"), e.getMessage());
    }

    @Test
    void leaveOneGroupOutTestsExactlyTheHeldOutGroup() {
        Problem p = problem(new Random(11), 12, true);
        for (String held : new HashSet<>(p.groups())) {
            SplitPlan plan = Splitter.leaveGroupOut(p.labels(), p.lengths(), CLASSES, SplitFractions.DEFAULT, 5, "g",
                    p.groups(), held);
            Set<Integer> validationClasses = new HashSet<>();
            for (SplitPlan.Block b : plan.blocks()) {
                boolean isHeld = p.groups().get(b.recording()).equals(held);
                assertEquals(isHeld, b.subset() == Subset.TEST, "recording " + b.recording() + " of fold " + held);
                if (b.subset() == Subset.VALIDATION) {
                    validationClasses.add(b.label());
                }
            }
            assertEquals(Set.of(0, 1, 2), validationClasses, "validation of fold " + held);
            assertTrue(!plan.blocks(Subset.TRAIN).isEmpty());
        }
    }

    @Test
    void fixedTestGroupsAreTheTestSetAndValidationTakesWholeGroupsOfTheRest() {
        Problem p = problem(new Random(17), 12, true);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < p.labels().length; i++) {
            names.add("r" + i);
        }
        List<String> test = List.of("machine-2", "machine-7", "machine-11");
        SplitPlan plan = Splitter.split(p.labels(), p.lengths(), names, CLASSES, SplitProtocol.AUTO, SplitFractions.DEFAULT,
                4, 1024, "g", p.groups(), test);
        assertEquals(SplitProtocol.BY_GROUP, plan.protocol());
        Map<String, Subset> setOf = new HashMap<>();
        Set<Integer> validationClasses = new HashSet<>();
        for (SplitPlan.Block b : plan.blocks()) {
            String g = p.groups().get(b.recording());
            assertEquals(test.contains(g), b.subset() == Subset.TEST, "recording " + b.recording() + " of " + g);
            Subset before = setOf.put(g, b.subset());
            assertTrue(before == null || before == b.subset(), "group " + g + " split");
            if (b.subset() == Subset.VALIDATION) {
                validationClasses.add(b.label());
            }
        }
        assertEquals(Set.of(0, 1, 2), validationClasses);
        assertTrue(!plan.blocks(Subset.TRAIN).isEmpty());
        assertEquals(plan.blocks(), Splitter.split(p.labels(), p.lengths(), names, CLASSES, SplitProtocol.AUTO,
                SplitFractions.DEFAULT, 4, 1024, "g", p.groups(), test).blocks(), "seeded");
    }

    @Test
    void aTestGroupNoRecordingHasOrTestGroupsWithoutAGroupingAreClearErrors() {
        int[] labels = {0, 1, 0, 1, 0, 1};
        int[] lengths = {9, 9, 9, 9, 9, 9};
        List<String> names = List.of("1", "2", "3", "4", "5", "6");
        List<String> groups = List.of("0", "0", "10", "10", "20", "20");
        TriaxException unknown = assertThrows(TriaxException.class, () -> Splitter.split(labels, lengths, names,
                List.of("healthy", "faulty"), SplitProtocol.AUTO, SplitFractions.DEFAULT, 1, 4, "g", groups, List.of("30")));
        assertEquals("--test-groups names group '30', which no recording has (groups: 0, 10, 20)", unknown.getMessage());
        TriaxException ungrouped = assertThrows(TriaxException.class, () -> Splitter.split(labels, lengths, names,
                List.of("healthy", "faulty"), SplitProtocol.AUTO, SplitFractions.DEFAULT, 1, 4, null, List.of(),
                List.of("20")));
        assertTrue(ungrouped.getMessage().startsWith("--test-groups 20 needs a by-group split: give --group-by"),
                ungrouped.getMessage());
        TriaxException timeBlocks = assertThrows(TriaxException.class, () -> Splitter.split(labels, lengths, names,
                List.of("healthy", "faulty"), SplitProtocol.TIME_BLOCKS, SplitFractions.DEFAULT, 1, 4, "g", groups,
                List.of("20")));
        assertTrue(timeBlocks.getMessage().contains("needs a by-group split"), timeBlocks.getMessage());
    }
}
