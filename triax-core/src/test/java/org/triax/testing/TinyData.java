package org.triax.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.triax.cli.TriaxCli;

/**
 * Tiny generated datasets and a captured CLI run, for tests that must stay fast on two cores:
 * a few classes of tri-axial recordings at 1 kHz, each class a clearly different sine tone, and
 * window settings small enough that one epoch takes a second or two.
 */
public final class TinyData {
    /** Sampling rate of every generated recording, Hz. */
    public static final double FS = 1000;
    /** Samples per generated recording. */
    public static final int SAMPLES = 4096;
    /** Class folder names, in the order the dataset index sorts them. */
    public static final List<String> CLASSES = List.of("alpha", "bravo", "charlie");
    /** Tone of each class, Hz: several STFT bins apart at segment 32 (31.25 Hz per bin). */
    private static final double[] TONE = {60, 190, 370};
    /** Small windows: 17 bins x 15 frames per window, 31 windows per recording. */
    public static final List<String> SMALL =
            List.of("--window", "256", "--hop", "128", "--segment", "32", "--overlap", "16");

    static {
        // PyTorch's OpenMP threads spin at every barrier; on a small, busy machine (two shared cores)
        // tiny batches then trained up to ten times slower. One intra-op thread has no barriers.
        // Takes effect only when no test has started the engine yet; results are reproducible
        // either way, as the thread count is fixed for the life of the JVM.
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
        }
    }

    private TinyData() {
    }

    /** How a CSV file is laid out. */
    public enum Layout {
        /** "time,X,Y,Z" header: channels by name, sampling rate from the time column. */
        HEADER_WITH_TIME,
        /** Numbers only: channels X, Y, Z (three columns) or ch0, ch1, ...; sampling rate unknown. */
        HEADERLESS
    }

    /**
     * Options that keep a tiny dataset's training quick: windows of 256 samples every 128, STFT
     * segments of 32 with overlap 16, the automatic split, seed {@code seed}.
     */
    public static org.triax.dataset.DataOptions quickOptions(Path root, long seed) {
        return new org.triax.dataset.DataOptions(root, List.of(), Double.NaN, null, new org.triax.signal.WindowSpec(256, 128),
                new org.triax.signal.StftConfig(32, 16, org.triax.signal.WindowFunction.HANN, -120, 0,
                        Double.POSITIVE_INFINITY), org.triax.dataset.SplitProtocol.AUTO,
                org.triax.dataset.SplitFractions.DEFAULT, seed);
    }

    /**
     * Writes {@code classes} class folders of {@code perClass} recordings each
     * ({@code <root>/<class>/<class>_<k>.csv}, three channels) and returns {@code root}.
     */
    public static Path dataset(Path root, int classes, int perClass, Layout layout, long seed) {
        Random rnd = new Random(seed);
        for (int c = 0; c < classes; c++) {
            for (int k = 0; k < perClass; k++) {
                recording(root.resolve(CLASSES.get(c)).resolve(CLASSES.get(c) + "_" + k + ".csv"), c, 3, SAMPLES,
                        layout, rnd.nextLong());
            }
        }
        return root;
    }

    /**
     * Writes one recording of class {@code cls} with {@code channels} channels: each channel the
     * class tone (slightly detuned and scaled per recording and channel) plus white noise.
     */
    public static Path recording(Path file, int cls, int channels, int samples, Layout layout, long seed) {
        return recording(file, cls, channels, samples, layout, seed, FS);
    }

    /** {@link #recording(Path, int, int, int, Layout, long)} sampled at {@code fs} Hz (the same tones). */
    public static Path recording(Path file, int cls, int channels, int samples, Layout layout, long seed, double fs) {
        Random rnd = new Random(seed);
        double[] freq = new double[channels];
        double[] amp = new double[channels];
        double[] phase = new double[channels];
        for (int ch = 0; ch < channels; ch++) {
            freq[ch] = TONE[cls] * (1 + 0.02 * (rnd.nextDouble() - 0.5));
            amp[ch] = 0.8 + 0.4 * rnd.nextDouble();
            phase[ch] = 2 * Math.PI * rnd.nextDouble();
        }
        StringBuilder sb = new StringBuilder(samples * 12 * (channels + 1));
        if (layout == Layout.HEADER_WITH_TIME) {
            sb.append("time");
            List<String> names = channels == 3 ? List.of("X", "Y", "Z") : List.of("X", "Y", "Z", "W").subList(0, channels);
            for (String n : names) {
                sb.append(',').append(n);
            }
            sb.append('\n');
        }
        for (int i = 0; i < samples; i++) {
            double t = i / fs;
            if (layout == Layout.HEADER_WITH_TIME) {
                sb.append(t); // i / 1000.0 prints as 0.001, 0.002, ...
            }
            for (int ch = 0; ch < channels; ch++) {
                double v = amp[ch] * Math.sin(2 * Math.PI * freq[ch] * t + phase[ch]) + 0.3 * rnd.nextGaussian();
                if (layout == Layout.HEADER_WITH_TIME || ch > 0) {
                    sb.append(',');
                }
                sb.append(Math.round(v * 1e5) / 1e5); // String.format is too slow for 50k values
            }
            sb.append('\n');
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Arguments joined: {@code args(List.of("train"), SMALL, "--epochs", "1")}. */
    public static String[] args(Object... parts) {
        List<String> out = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof List<?> l) {
                l.forEach(x -> out.add(String.valueOf(x)));
            } else {
                out.add(String.valueOf(p));
            }
        }
        return out.toArray(String[]::new);
    }

    /** What one command line did. */
    public record Run(int status, String out, String err) {
        /** Non-blank lines of stderr. */
        public List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    /** Runs {@link TriaxCli#execute} with stdout and stderr captured (tests run one at a time). */
    public static synchronized Run cli(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            status = TriaxCli.execute(args);
            o.flush();
            e.flush();
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Relative path to SHA-256 of every file under {@code dir} (empty when it does not exist). */
    public static Map<String, String> snapshot(Path dir) {
        Map<String, String> files = new TreeMap<>();
        if (!Files.exists(dir)) {
            return files;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted().toList()) {
                String rel = dir.relativize(p).toString();
                files.put(rel + (Files.isDirectory(p) ? "/" : ""), Files.isDirectory(p) ? "" : sha256(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Files directly in {@code dir} whose names end with {@code suffix}, sorted. */
    public static List<Path> filesEndingWith(Path dir, String suffix) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
