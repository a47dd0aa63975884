package org.triax.bench;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.triax.artifact.ModelArtifact;
import org.triax.artifact.ModelMetadata;
import org.triax.artifact.TrainConfig;
import org.triax.dataset.DataOptions;
import org.triax.dataset.SplitFractions;
import org.triax.dataset.SplitProtocol;
import org.triax.dataset.cache.SpectrogramCache;
import org.triax.model.Design;
import org.triax.signal.StftConfig;
import org.triax.signal.WindowSpec;
import org.triax.train.RunOptions;
import org.triax.train.TrainJob;
import org.triax.train.TrainingListener;

/**
 * The train job ({@link TrainJob#run}, fused design, sizes from the data, seed 1) on a real
 * dataset with its windows in memory or read from the spectrogram cache:
 * {@code ooc prepare|memory|cache|pair DATA CACHE OUT EPOCHS FS}. {@code prepare} fills the cache
 * and exits; {@code pair} trains both paths in this JVM in turns, for their speed
 * ({@link OocPairBench}); {@code memory} and {@code cache} train one path, for its memory, and
 * print one JSON line: samples/s (training windows
 * over the median epoch from the second on), preparation seconds, peak RSS and, at the end, the
 * anonymous and file-backed parts of the resident memory.
 */
final class OocBench {
    private static final Pattern PREPARED = Pattern.compile("prepared in ([0-9.]+) s");

    private OocBench() {
    }

    static void run(String[] a) throws Exception {
        String mode = a[0];
        Path data = Path.of(a[1]);
        Path cache = Path.of(a[2]);
        Path out = Path.of(a[3]);
        int epochs = Integer.parseInt(a[4]);
        double fs = Double.parseDouble(a[5]);
        DataOptions o = new DataOptions(data, List.of(), fs, null, WindowSpec.DEFAULT, StftConfig.DEFAULT,
                SplitProtocol.AUTO, SplitFractions.DEFAULT, 1).withSizesFromData(EnumSet.allOf(DataOptions.Size.class));
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                System.err.write(b);
                captured.write(b);
            }
        }, true, StandardCharsets.UTF_8);
        if (mode.equals("prepare")) {
            long t0 = System.nanoTime();
            new SpectrogramCache(cache).open(o, log);
            System.out.println(BenchMain.json("bench", "ooc-prepare", "seconds", (System.nanoTime() - t0) / 1e9,
                    "peak_rss_mb", BenchMain.peakRssKb() / 1024.0));
            return;
        }
        if (mode.equals("pair")) {
            OocPairBench.run(o, cache, out, epochs);
            return;
        }
        RunOptions run = switch (mode) {
            case "cache" -> new RunOptions(cache, false, false, null);
            case "memory" -> RunOptions.IN_MEMORY;
            default -> throw new IllegalArgumentException("mode " + mode + ": prepare, memory, cache or pair");
        };
        List<Double> perEpoch = new ArrayList<>();
        TrainingListener timing = BenchMain.epochTiming(perEpoch, false);
        TrainJob.Outcome r = TrainJob.run(o, List.of(Design.FUSED), new TrainConfig(epochs, 32, 1e-3f, 1, false), out, run,
                timing, log).get(0);
        ModelMetadata m = ModelArtifact.load(r.modelFile()).metadata();
        double[] steady = perEpoch.subList(Math.min(1, perEpoch.size() - 1), perEpoch.size()).stream()
                .mapToDouble(Double::doubleValue).toArray();
        String text = captured.toString(StandardCharsets.UTF_8);
        Matcher prepared = PREPARED.matcher(text);
        System.out.println(BenchMain.json("bench", "ooc", "engine", "triax-" + mode, "design", "fused",
                "train_windows", m.dataset().trainWindows(), "windows", m.dataset().trainWindows()
                        + m.dataset().validationWindows() + m.dataset().testWindows(),
                "samples_per_s", m.dataset().trainWindows() / BenchMain.median(steady),
                "prepared_s", prepared.find() ? Double.parseDouble(prepared.group(1)) : -1.0,
                "cache_hit", text.contains("preparation skipped"), "peak_rss_mb", BenchMain.peakRssKb() / 1024.0,
                "rss_anon_mb", status("RssAnon") / 1024.0, "rss_file_mb", status("RssFile") / 1024.0,
                "test_accuracy", m.test().accuracy(), "weights_sha256", sha256(ModelArtifact.load(r.modelFile()).weights())));
    }

    /** A /proc/self/status field in kB (-1 where there is none). */
    private static long status(String field) throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    /** SHA-256 in hex, to show both modes trained the same weights. */
    private static String sha256(byte[] b) throws java.security.NoSuchAlgorithmException {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
    }
}
