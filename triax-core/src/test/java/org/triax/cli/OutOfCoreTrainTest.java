package org.triax.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.artifact.ModelArtifact;
import org.triax.dataset.DemoDataset;
import org.triax.dataset.cache.SpectrogramCache;
import picocli.CommandLine;

/**
 * {@code triax train} in child JVMs: killed with SIGKILL in the middle of an epoch and resumed, it
 * ends with the weights of an uninterrupted run and never shows a partial model; and a first run
 * prepares the spectrogram cache and trains from it with a heap smaller than the dataset's spectrograms.
 */
class OutOfCoreTrainTest {
    @TempDir
    static Path shared;
    static Path demo;
    /** Windows of 512 samples (3 x 65 x 25): quick epochs. */
    static final String[] QUICK = {"--mode", "fused", "--batch", "32", "--seed", "3", "--window", "512"};

    @BeforeAll
    static void demoDataset() {
        demo = DemoDataset.generate(shared.resolve("demo"), DemoDataset.SEED);
    }

    private static String[] args(Path out, Path cache, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--data", demo.toString(), "--out", out.toString(), "--cache",
                cache.toString()));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    /** A child JVM running triax with {@code args}, stdout and stderr to {@code log}. */
    private static Process child(Path log, String heap, String... args) throws IOException {
        // the class path in an @argfile: short command line whatever the class path's length
        Path argfile = Files.createTempFile(shared, "cp", ".args");
        Files.writeString(argfile, "-cp \"" + System.getProperty("java.class.path").replace("\\", "\\\\") + "\"\n");
        // the engine threads of this JVM: the intra-op thread count decides how sums are split, so the
        // weights of a run are identical across JVMs only with the same count (TinyData sets 1 in tests)
        ai.djl.engine.Engine.getInstance();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-Dai.djl.offline=true", "-Djava.awt.headless=true",
                "-Dai.djl.pytorch.num_threads=" + ai.djl.pytorch.jni.JniUtils.getNumThreads(),
                "-Dai.djl.pytorch.num_interop_threads=" + ai.djl.pytorch.jni.JniUtils.getNumInteropThreads(),
                "@" + argfile, TriaxCli.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DJL_OFFLINE", "true");
        return pb.start();
    }

    private static int quietly(String... args) {
        PrintStream out = System.out;
        try {
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            return TriaxCli.execute(args);
        } finally {
            System.setOut(out);
        }
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static byte[] weights(Path out) throws IOException {
        List<Path> models = files(out, ".triax");
        assertEquals(1, models.size(), models.toString());
        return ModelArtifact.load(models.get(0)).weights();
    }

    @Test
    void aRunKilledMidEpochResumesToTheUninterruptedWeights() throws Exception {
        Path cache = shared.resolve("cache-resume");
        String[] three = concat(QUICK, "--hop", "512", "--epochs", "3"); // 640 windows
        assertEquals(0, quietly(args(shared.resolve("straight"), cache, three)));
        byte[] straight = weights(shared.resolve("straight"));

        Path out = shared.resolve("killed");
        Path log = shared.resolve("killed.log");
        Process p = child(log, "512m", args(out, cache, three));
        Pattern epochLine = Pattern.compile("epoch 1/3 .* ([0-9.]+) s");
        Matcher m = null;
        while (p.isAlive() && (m == null || !m.find())) {
            Thread.sleep(20);
            m = epochLine.matcher(Files.readString(log, StandardCharsets.UTF_8));
        }
        assertTrue(p.isAlive(), "the child ended before its first epoch was over:\n" + Files.readString(log));
        Thread.sleep((long) (Double.parseDouble(m.group(1)) * 1000 / 2)); // about half way through epoch 2
        assertTrue(p.isAlive(), "the child ended before it could be killed:\n" + Files.readString(log));
        p.destroyForcibly(); // SIGKILL on Linux
        assertEquals(137, p.waitFor());

        List<Path> models = files(out, ".triax");
        assertTrue(models.stream().allMatch(f -> f.getFileName().toString().startsWith(".")),
                "no model under a final name after the kill: " + models);
        List<Path> checkpoints = files(out, ".ckpt");
        assertFalse(checkpoints.isEmpty(), "the completed epoch's checkpoint is there");

        assertEquals(0, quietly(concat(args(out, cache, three), "--resume")));
        assertArrayEquals(straight, weights(out));
        assertFalse(Files.exists(out.resolve(".triax-checkpoints")), "a finished run leaves no checkpoint");
    }

    @Test
    void aFirstRunPreparesAndTrainsWithAHeapSmallerThanTheSpectrograms() throws Exception {
        Path cache = shared.resolve("cache-heap");
        String[] run = concat(QUICK, "--hop", "64", "--epochs", "1"); // 4896 windows
        Path log = shared.resolve("heap.log");
        Process p = child(log, "20m", args(shared.resolve("small-heap"), cache, run)); // no entry yet: it prepares one
        int status = p.waitFor();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, status, output);
        assertTrue(output.contains("cache: windows prepared"), output);
        assertEquals(1, files(shared.resolve("small-heap"), ".triax").size());

        TrainCommand cmd = new TrainCommand();
        String[] line = args(shared.resolve("unused"), cache, run);
        new CommandLine(cmd).parseArgs(java.util.Arrays.copyOfRange(line, 1, line.length)); // without "train"
        SpectrogramCache.Entry e = new SpectrogramCache(cache).open(cmd.dataOptions(demo, cmd.training.config()),
                new PrintStream(OutputStream.nullOutputStream()));
        assertFalse(e.prepared(), "the child's entry is there");
        long bytes = 4L * e.sets().preprocessing().tensorSize()
                * (e.sets().train().size() + e.sets().validation().size() + e.sets().test().size());
        long heap = 20L << 20;
        assertTrue(bytes > 4 * heap, bytes + " bytes of spectrograms against a heap of " + heap);
    }

    private static String[] concat(String[] a, String... b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }
}
