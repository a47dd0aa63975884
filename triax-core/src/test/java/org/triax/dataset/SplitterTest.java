package org.triax.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.triax.TriaxException;
import org.triax.signal.Preprocessing;
import org.triax.signal.Recording;
import org.triax.signal.SpectrogramExtractor;
import org.triax.signal.StftConfig;
import org.triax.signal.WindowFunction;
import org.triax.signal.WindowSpec;

/** Property-style checks that {@link Splitter} never lets a sample reach two sets. */
class SplitterTest {

    private static final int CONFIGURATIONS = 50;
    private static final Subset[] ORDER = {Subset.TRAIN, Subset.VALIDATION, Subset.TEST};

    /** A random split problem: labels, lengths, names and fractions. */
    private record Problem(int classes, int[] labels, int[] lengths, List<String> names, SplitFractions fractions) {
        @Override
        public String toString() {
            return classes + " classes, labels " + java.util.Arrays.toString(labels) + ", lengths "
                    + java.util.Arrays.toString(lengths) + ", " + fractions;
        }

        int count(int label) {
            int n = 0;
            for (int l : labels) {
                n += l == label ? 1 : 0;
            }
            return n;
        }
    }

    /** Train share in [minTrain, 0.9), the rest split 20..80 % between validation and test. */
    private static SplitFractions randomFractions(Random rnd, double minTrain) {
        double train = minTrain + (0.9 - minTrain) * rnd.nextDouble();
        double rest = 1 - train;
        double validation = rest * (0.2 + 0.6 * rnd.nextDouble());
        return new SplitFractions(train, validation, 1 - train - validation);
    }

    private static SplitFractions smallTrainFractions(Random rnd) {
        double train = 0.01 + 0.05 * rnd.nextDouble();
        double validation = (1 - train) * (0.2 + 0.6 * rnd.nextDouble());
        return new SplitFractions(train, validation, 1 - train - validation);
    }

    private static Problem problem(Random rnd, int classes, int minPerClass, int maxPerClass, int minLength,
                                   int maxLength, SplitFractions f) {
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            int n = minPerClass + rnd.nextInt(maxPerClass - minPerClass + 1);
            for (int k = 0; k < n; k++) {
                labels.add(c);
            }
        }
        java.util.Collections.shuffle(labels, rnd); // recordings of a class need not be adjacent
        int[] l = labels.stream().mapToInt(Integer::intValue).toArray();
        int[] lengths = new int[l.length];
        List<String> names = new ArrayList<>();
        for (int r = 0; r < l.length; r++) {
            lengths[r] = minLength + rnd.nextInt(maxLength - minLength + 1);
            names.add("class" + l[r] + "/rec_" + r + ".csv");
        }
        return new Problem(classes, l, lengths, names, f);
    }

    private static SplitPlan split(Problem p, SplitProtocol protocol, long seed, int windowLength) {
        return Splitter.split(p.labels(), p.lengths(), p.names(), p.classes(), protocol, p.fractions(), seed,
                windowLength);
    }

    // ---------------------------------------------------------------- BY_RECORDING

    @Test
    void byRecordingPutsEveryRecordingInExactlyOneSetWithEveryClassInEverySet() {
        Random rnd = new Random(20240601);
        for (int cfg = 0; cfg < CONFIGURATIONS; cfg++) {
            Problem p = problem(rnd, 2 + rnd.nextInt(4), 3, 14, 10, 5000, randomFractions(rnd, 0.1));
            SplitProtocol asked = cfg % 2 == 0 ? SplitProtocol.AUTO : SplitProtocol.BY_RECORDING;
            long seed = rnd.nextLong();
            SplitPlan plan = split(p, asked, seed, 1);
            String ctx = "configuration " + cfg + ": " + p;

            assertEquals(SplitProtocol.BY_RECORDING, plan.protocol(), ctx);
            assertEquals(seed, plan.seed(), ctx);
            assertEquals(p.fractions(), plan.fractions(), ctx);
            int[] seen = new int[p.labels().length];
            for (SplitPlan.Block b : plan.blocks()) {
                seen[b.recording()]++;
                assertEquals(p.labels()[b.recording()], b.label(), ctx);
                assertEquals(0, b.from(), ctx);
                assertEquals(p.lengths()[b.recording()], b.to(), ctx + ": a whole recording goes to one set");
            }
            for (int r = 0; r < seen.length; r++) {
                assertEquals(1, seen[r], ctx + ": recording " + r + " must be in exactly one set");
            }
            for (Subset s : Subset.values()) {
                Set<Integer> classesInSet = new HashSet<>();
                plan.blocks(s).forEach(b -> classesInSet.add(b.label()));
                assertEquals(p.classes(), classesInSet.size(), ctx + ": " + s + " lacks a class");
            }
        }
    }

    @Test
    void byRecordingCountsPerClassFollowTheFractionsRoundedWithAtLeastOne() {
        Random rnd = new Random(7);
        for (int cfg = 0; cfg < CONFIGURATIONS; cfg++) {
            // every other configuration has a train share of 1..6 %: rounding validation and test
            // up may then leave train empty
            SplitFractions f = cfg % 2 == 0 ? randomFractions(rnd, 0.1)
                    : smallTrainFractions(rnd);
            Problem p = problem(rnd, 2 + rnd.nextInt(3), 3, 25, 10, 100, f);
            SplitPlan plan = split(p, SplitProtocol.AUTO, rnd.nextLong(), 1);
            for (int c = 0; c < p.classes(); c++) {
                assertCountsFollowFractions(p.count(c), p.fractions(), countsOf(plan, c),
                        "configuration " + cfg + ", class " + c + ": " + p);
            }
        }
    }

    @Test
    void byRecordingKeepsValidationAndTestNearTheirShareWhenTrainIsTheSmallestShare() {
        // 10 recordings at 10/45/45: 4.5 + 4.5 rounds to 5 + 5 and leaves train empty; taking one
        // from a rounded-up set must not throw the shares away (1/1/8 would be far from 45/45)
        SplitFractions f = new SplitFractions(0.10, 0.45, 0.45);
        int[] labels = new int[20];
        for (int r = 10; r < 20; r++) {
            labels[r] = 1;
        }
        int[] lengths = new int[20];
        java.util.Arrays.fill(lengths, 100);
        List<String> names = new ArrayList<>();
        for (int r = 0; r < 20; r++) {
            names.add("r" + r);
        }
        SplitPlan plan = Splitter.split(labels, lengths, names, 2, SplitProtocol.BY_RECORDING, f, 3, 1);
        for (int c = 0; c < 2; c++) {
            int[] counts = countsOf(plan, c);
            assertCountsFollowFractions(10, f, counts, "class " + c);
            assertEquals(1, counts[0], "train keeps the one recording left");
        }
    }

    /** Counts of {TRAIN, VALIDATION, TEST} for class {@code c}. */
    private static int[] countsOf(SplitPlan plan, int c) {
        int[] counts = new int[3];
        for (SplitPlan.Block b : plan.blocks()) {
            if (b.label() == c) {
                counts[b.subset().ordinal()]++;
            }
        }
        return counts;
    }

    /**
     * Validation and test get round(n * share), at least 1, and train the rest; when that would
     * leave train empty, validation or test give back just enough for train to have one.
     */
    private static void assertCountsFollowFractions(int n, SplitFractions f, int[] counts, String ctx) {
        int train = counts[0];
        int val = counts[1];
        int test = counts[2];
        assertEquals(n, train + val + test, ctx);
        assertTrue(train >= 1 && val >= 1 && test >= 1, ctx + ": every set needs one recording, got "
                + java.util.Arrays.toString(counts));
        int roundedVal = Math.max(1, (int) Math.round(n * f.validation()));
        int roundedTest = Math.max(1, (int) Math.round(n * f.test()));
        if (n - roundedVal - roundedTest >= 1) {
            assertEquals(roundedVal, val, ctx + ": validation count");
            assertEquals(roundedTest, test, ctx + ": test count");
        } else {
            // train gets just the one it needs, taken from what validation and test rounded up to
            assertEquals(1, train, ctx + ": train count when rounding left it empty");
            assertTrue(val <= roundedVal && test <= roundedTest, ctx + ": validation/test only give back, got "
                    + java.util.Arrays.toString(counts));
        }
    }

    @Test
    void byRecordingIsReproducibleForOneSeedAndVariesWithTheSeed() {
        Random rnd = new Random(99);
        for (int cfg = 0; cfg < CONFIGURATIONS; cfg++) {
            Problem p = problem(rnd, 2 + rnd.nextInt(4), 3, 10, 10, 1000, randomFractions(rnd, 0.1));
            long seed = rnd.nextLong();
            SplitPlan first = split(p, SplitProtocol.AUTO, seed, 1);
            assertEquals(first, split(p, SplitProtocol.AUTO, seed, 1), "configuration " + cfg + ": same seed");
            Set<Map<Integer, Subset>> assignments = new HashSet<>();
            for (long s = seed; s < seed + 10; s++) {
                assignments.add(assignment(split(p, SplitProtocol.AUTO, s, 1)));
            }
            assertTrue(assignments.size() > 1, "configuration " + cfg + ": 10 seeds gave one assignment: " + p);
        }
    }

    private static Map<Integer, Subset> assignment(SplitPlan plan) {
        Map<Integer, Subset> m = new HashMap<>();
        plan.blocks().forEach(b -> m.put(b.recording(), b.subset()));
        return m;
    }

    @Test
    void byRecordingAskedForWithTooFewRecordingsOfAClassIsAnError() {
        int[] labels = {0, 0, 0, 1, 1};
        TriaxException e = assertThrows(TriaxException.class, () -> Splitter.split(labels, new int[] {9, 9, 9, 9, 9},
                List.of("a", "b", "c", "d", "e"), 2, SplitProtocol.BY_RECORDING, SplitFractions.DEFAULT, 1, 1));
        assertTrue(e.getMessage().contains("at least 3 recordings per class"), e.getMessage());
        assertTrue(e.getMessage().contains("time-blocks"), e.getMessage());
    }

    // ---------------------------------------------------------------- TIME_BLOCKS

    @Test
    void autoChoosesTimeBlocksWhenAClassHasFewerThanThreeRecordings() {
        int[] labels = {0, 0, 0, 1, 1};
        SplitPlan plan = Splitter.split(labels, new int[] {500, 500, 500, 500, 500}, List.of("a", "b", "c", "d", "e"),
                2, SplitProtocol.AUTO, SplitFractions.DEFAULT, 1, 10);
        assertEquals(SplitProtocol.TIME_BLOCKS, plan.protocol());
        assertEquals(15, plan.blocks().size());
    }

    @Test
    void timeBlocksAreDisjointContiguousCoverTheRecordingAndRunTrainValidationTest() {
        Random rnd = new Random(31337);
        for (int cfg = 0; cfg < CONFIGURATIONS; cfg++) {
            TimeBlockCase tc = timeBlockCase(rnd, cfg);
            SplitPlan plan = tc.plan();
            String ctx = "configuration " + cfg + ": " + tc.problem();
            assertEquals(SplitProtocol.TIME_BLOCKS, plan.protocol(), ctx);
            Problem p = tc.problem();
            for (int r = 0; r < p.labels().length; r++) {
                List<SplitPlan.Block> own = blocksOf(plan, r);
                assertEquals(3, own.size(), ctx + ", recording " + r);
                int edge = 0;
                for (int k = 0; k < 3; k++) {
                    SplitPlan.Block b = own.get(k);
                    assertEquals(ORDER[k], b.subset(), ctx + ": blocks run train, validation, test");
                    assertEquals(p.labels()[r], b.label(), ctx);
                    assertEquals(edge, b.from(), ctx + ": blocks are contiguous, starting at 0");
                    assertTrue(b.to() - b.from() >= tc.window().length(), ctx + ": block holds a window " + b);
                    edge = b.to();
                }
                assertEquals(p.lengths()[r], edge, ctx + ": blocks cover the whole recording");
            }
        }
    }

    @Test
    void timeBlockWindowsNeverOverlapSamplesOfAnotherSetOfTheSameRecording() {
        Random rnd = new Random(4242);
        for (int cfg = 0; cfg < CONFIGURATIONS; cfg++) {
            TimeBlockCase tc = timeBlockCase(rnd, cfg);
            Problem p = tc.problem();
            String ctx = "configuration " + cfg + ": " + p + " " + tc.window();
            List<Recording> recordings = new ArrayList<>();
            for (int r = 0; r < p.lengths().length; r++) {
                double[][] s = new double[2][p.lengths()[r]];
                for (double[] ch : s) {
                    for (int i = 0; i < ch.length; i++) {
                        ch[i] = rnd.nextGaussian();
                    }
                }
                recordings.add(new Recording(p.names().get(r), List.of("X", "Y"), 1000, s));
            }
            Preprocessing pre = new Preprocessing(List.of("X", "Y"), 1000, tc.window(),
                    new StftConfig(16, 8, WindowFunction.HANN, -120, 0, Double.POSITIVE_INFINITY));
            SpectrogramExtractor ex = pre.extractor();
            for (Subset s : Subset.values()) {
                List<SplitPlan.Block> blocks = tc.plan().blocks(s);
                SpectrogramSet set = SpectrogramSet.extract(blocks, recordings, ex);
                int expectedWindows = 0;
                for (SplitPlan.Block b : blocks) {
                    expectedWindows += tc.window().count(b.from(), b.to());
                }
                assertEquals(expectedWindows, set.size(), ctx + ": every window that fits is used");
                assertEquals(set.size() * pre.tensorSize(), set.data().length, ctx);
                for (int i = 0; i < set.size(); i++) {
                    int r = set.recordings()[i];
                    int from = set.starts()[i];
                    int to = from + tc.window().length();
                    assertEquals(p.labels()[r], set.labels()[i], ctx);
                    for (SplitPlan.Block b : blocksOf(tc.plan(), r)) {
                        if (b.subset() == s) {
                            assertTrue(from >= b.from() && to <= b.to(),
                                    ctx + ": " + s + " window [" + from + ", " + to + ") outside its block " + b);
                        } else {
                            assertTrue(to <= b.from() || from >= b.to(),
                                    ctx + ": " + s + " window [" + from + ", " + to + ") overlaps " + b);
                        }
                    }
                }
                if (set.size() > 0) { // the tensor is the window of that recording at that start
                    int i = rnd.nextInt(set.size());
                    float[] expected = ex.window(recordings.get(set.recordings()[i]), set.starts()[i]);
                    float[] actual = new float[set.tensorSize()];
                    set.copyWindow(i, actual, 0);
                    org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual, ctx);
                }
            }
        }
    }

    private record TimeBlockCase(Problem problem, WindowSpec window, SplitPlan plan) {
    }

    /** Random shapes where AUTO must pick time blocks (one class has 1 or 2 recordings). */
    private static TimeBlockCase timeBlockCase(Random rnd, int cfg) {
        int length = 32 << rnd.nextInt(3); // 32, 64 or 128 samples
        WindowSpec window = new WindowSpec(length, 1 + rnd.nextInt(length + 8)); // hop may exceed length
        SplitFractions f = randomFractions(rnd, 0.1);
        double smallest = Math.min(f.train(), Math.min(f.validation(), f.test()));
        int minLength = (int) Math.ceil((length + 1) / smallest) + 1;
        Problem p = problem(rnd, 2 + rnd.nextInt(3), 1, 4, minLength, minLength + 3000, f);
        boolean few = false;
        for (int c = 0; c < p.classes(); c++) {
            few |= p.count(c) < SplitProtocol.MIN_RECORDINGS_PER_CLASS;
        }
        SplitProtocol asked = few && cfg % 3 != 0 ? SplitProtocol.AUTO : SplitProtocol.TIME_BLOCKS;
        return new TimeBlockCase(p, window, split(p, asked, rnd.nextLong(), length));
    }

    private static List<SplitPlan.Block> blocksOf(SplitPlan plan, int recording) {
        List<SplitPlan.Block> own = new ArrayList<>();
        for (SplitPlan.Block b : plan.blocks()) {
            if (b.recording() == recording) {
                own.add(b);
            }
        }
        return own;
    }

    @Test
    void recordingTooShortForAValidationBlockIsNamedWithTheBlock() {
        // 1000 samples at 70/15/15: the validation block has 150 samples, the window 200
        TriaxException e = assertThrows(TriaxException.class, () -> Splitter.split(new int[] {0, 1},
                new int[] {5000, 1000}, List.of("healthy/long.csv", "faulty/short.csv"), 2, SplitProtocol.AUTO,
                SplitFractions.DEFAULT, 1, 200));
        String m = e.getMessage();
        assertTrue(m.contains("faulty/short.csv"), m);
        assertTrue(m.contains("validation block"), m);
        assertTrue(m.contains("200"), m);
    }

    @Test
    void recordingTooShortForATrainBlockIsNamedWithTheBlock() {
        SplitFractions f = new SplitFractions(0.1, 0.45, 0.45);
        TriaxException e = assertThrows(TriaxException.class, () -> Splitter.split(new int[] {0, 1},
                new int[] {1000, 5000}, List.of("a/first.csv", "b/second.csv"), 2, SplitProtocol.TIME_BLOCKS,
                f, 1, 200));
        assertTrue(e.getMessage().contains("a/first.csv"), e.getMessage());
        assertTrue(e.getMessage().contains("train block"), e.getMessage());
    }

    @Test
    void recordingTooShortForATestBlockIsNamedWithTheBlock() {
        SplitFractions f = new SplitFractions(0.45, 0.45, 0.1);
        TriaxException e = assertThrows(TriaxException.class, () -> Splitter.split(new int[] {0, 1},
                new int[] {5000, 1000}, List.of("a/first.csv", "b/second.csv"), 2, SplitProtocol.TIME_BLOCKS,
                f, 1, 200));
        assertTrue(e.getMessage().contains("b/second.csv"), e.getMessage());
        assertTrue(e.getMessage().contains("test block"), e.getMessage());
    }

    @Test
    void describeNamesTheProtocolAndWhatEachSetHolds() {
        int[] labels = {0, 0, 0, 1, 1, 1};
        SplitPlan plan = Splitter.split(labels, new int[] {9, 9, 9, 9, 9, 9}, List.of("a", "b", "c", "d", "e", "f"),
                2, SplitProtocol.AUTO, SplitFractions.DEFAULT, 5, 1);
        String d = plan.describe();
        assertNotNull(d);
        assertTrue(d.startsWith("split: by-recording 70/15/15 %, seed 5"), d);
        assertTrue(d.contains("train 2 recordings, validation 2 recordings, test 2 recordings"), d);
    }
}
