package org.triax.dataset;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Stream;
import org.triax.TriaxException;
import org.triax.io.AtomicFiles;

/**
 * The built-in demo dataset used by {@code triax train} without {@code --data}: synthetic
 * tri-axial accelerometer recordings (X, Y radial with Y the load direction, Z axial; in g) of a
 * rotating machine in four conditions, written as an ordinary dataset folder
 * ({@code <class>/<class>_NN.csv} plus {@code triax.properties}) so that every later stage reads
 * it like real data.
 *
 * <p>The signals are built from the textbook fault signatures: imbalance shows as a rotating 1x
 * force, misalignment as 2x and axial vibration, an outer-race bearing defect as resonance bursts
 * at the ball-pass frequency. Amplitudes are chosen so that the classes are clearly but not
 * trivially separable on a spectrogram: the healthy harmonics and the noise are of similar size,
 * and every amplitude varies from recording to recording.
 */
public final class DemoDataset {

    /** Sampling rate, Hz. */
    public static final int FS = 5120;
    /** Recording length: 2.0 s. */
    public static final int SAMPLES = 2 * FS;
    /** Class folders; order fixes the random streams. */
    public static final List<String> CLASSES =
            List.of("healthy", "imbalance", "misalignment", "bearing_outer_race");
    /** Recordings per class. */
    public static final int PER_CLASS = 8;
    public static final List<String> CHANNELS = List.of("X", "Y", "Z");
    /** Bump when the generated signals change, so that old demo folders are regenerated. */
    static final int VERSION = 1;
    /** The seed of the built-in demo dataset {@code triax train} uses without --data (whatever its --seed). */
    public static final long SEED = 42;

    /** Shaft speed range, Hz (1200-1800 rpm), and slow speed wobble, as a fraction. */
    static final double SHAFT_MIN_HZ = 20, SHAFT_MAX_HZ = 30, WOBBLE = 0.005;
    /**
     * Outer-race ball-pass frequency per shaft revolution for a 6205 bearing:
     * BPFO = (n/2) f_r (1 - d/D cos(phi)), n = 9 balls, d = 7.94 mm, D = 39.04 mm, phi = 0.
     */
    static final double BPFO_ORDER = 9 / 2.0 * (1 - 7.94 / 39.04);
    /** Structural resonance of the bearing housing, Hz, and its ringing time constant, s. */
    static final double RESONANCE_MIN_HZ = 1800, RESONANCE_MAX_HZ = 2400;
    static final double RING_TAU_MIN_S = 0.6e-3, RING_TAU_MAX_S = 1.2e-3;
    /** Peak acceleration of one outer-race impact on Y, g; X and Z see less of it. */
    static final double IMPACT_G = 0.25;
    static final double[] IMPACT_AXIS = {0.45, 1.0, 0.2};
    /** Noise rms per axis, g: sensor (white), structural low-frequency, resonance rung by noise. */
    static final double SENSOR_NOISE_G = 0.025, LOW_NOISE_G = 0.01, RESONANCE_NOISE_G = 0.01;
    /** Corner of the low-frequency structural noise, Hz. */
    static final double LOW_NOISE_HZ = 10;

    /** 1x, 2x, 3x amplitudes in g, [axis X, Y, Z][order - 1], before per-recording variation. */
    private static final double[][] HEALTHY = {{0.04, 0.02, 0.006}, {0.04, 0.02, 0.006}, {0.012, 0.006, 0}};
    // imbalance: the centrifugal force of the heavy spot, at 1x, radial only
    private static final double[][] IMBALANCE = {{0.15, 0.02, 0.006}, {0.15, 0.02, 0.006}, {0.02, 0.006, 0}};
    // misalignment: the coupling bends twice per turn (2x, some 1x/3x) and pushes axially
    private static final double[][] MISALIGNMENT =
            {{0.06, 0.12, 0.04}, {0.06, 0.12, 0.04}, {0.10, 0.08, 0.02}};

    static final String PROPERTIES = "triax.properties";
    private static final String README = "README.md";
    private static final double TWO_PI = 2 * Math.PI;

    private DemoDataset() {}

    /** One synthesized recording: its mean shaft speed and {@code xyz[axis][sample]} in g. */
    record Synth(double shaftHz, double[][] xyz) {}

    /**
     * Writes the demo dataset into {@code dir} (missing or empty), whole or not at all, and returns
     * {@code dir}. The output depends only on {@code seed}. A folder that already holds the complete
     * demo dataset for this seed is left as it is.
     *
     * @throws TriaxException when {@code dir} is a file or a non-empty folder that is not this demo
     *     dataset (another seed's or version's included: earlier models may have been trained on it,
     *     so its files are left untouched), or cannot be written
     */
    public static Path generate(Path dir, long seed) {
        try {
            if (isComplete(dir, seed)) {
                return dir;
            }
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new TriaxException("cannot write the demo dataset to " + dir + ": it is a file");
            }
            if (Files.isDirectory(dir) && !isEmpty(dir)) {
                Properties other = demoProperties(dir);
                throw new TriaxException("will not write the demo dataset into " + dir + ": the folder is not empty and "
                        + (other == null ? "holds no demo dataset (no demo.version in " + PROPERTIES + ")"
                        : "holds the demo dataset of seed " + other.getProperty("demo.seed") + ", version "
                        + other.getProperty("demo.version") + " (incomplete or not seed " + seed + ", version "
                        + VERSION + "); earlier models may use it, so it is left as it is: remove it or write elsewhere"));
            }
        } catch (IOException e) {
            throw new TriaxException("cannot read " + dir + ": " + e, e);
        }
        AtomicFiles.writeFolder(dir, tmp -> {
            AtomicFiles.write(tmp.resolve(PROPERTIES), properties(seed));
            AtomicFiles.write(tmp.resolve(README), readme(seed));
            for (String cls : CLASSES) {
                for (int k = 1; k <= PER_CLASS; k++) {
                    AtomicFiles.write(file(tmp, cls, k), csv(synthesize(seed, cls, k).xyz()));
                }
            }
        });
        return dir;
    }

    /** Path of recording {@code k} (1-based) of a class. */
    static Path file(Path dir, String cls, int k) {
        return dir.resolve(cls).resolve(String.format(Locale.ROOT, "%s_%02d.csv", cls, k));
    }

    /** Recording {@code k} (1-based) of class {@code cls}, as written by {@link #generate}. */
    static Synth synthesize(long seed, String cls, int k) {
        Random rnd = new Random(mix(seed, CLASSES.indexOf(cls), k));
        double shaftHz = uniform(rnd, SHAFT_MIN_HZ, SHAFT_MAX_HZ);
        double wobble = WOBBLE * rnd.nextDouble();
        double wobbleHz = uniform(rnd, 0.2, 1.0);
        double wobblePhase = TWO_PI * rnd.nextDouble();
        double scale = uniform(rnd, 0.8, 1.2); // machine size, sensor mounting: +-20 %
        double resonanceHz = uniform(rnd, RESONANCE_MIN_HZ, RESONANCE_MAX_HZ);
        double tau = uniform(rnd, RING_TAU_MIN_S, RING_TAU_MAX_S);

        // shaft angle, the integral of the speed f_r (1 + w sin(2 pi f_w t + psi))
        double[] theta = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            double t = (double) i / FS;
            theta[i] = TWO_PI * shaftHz * (t - wobble / (TWO_PI * wobbleHz)
                    * (StrictMath.cos(TWO_PI * wobbleHz * t + wobblePhase) - StrictMath.cos(wobblePhase)));
        }
        double[][] xyz = new double[3][SAMPLES];
        double[][] amp = switch (cls) {
            case "imbalance" -> IMBALANCE;
            case "misalignment" -> MISALIGNMENT;
            // a healthy machine (and one with only a bearing fault) still has residual unbalance
            default -> HEALTHY;
        };
        addHarmonics(xyz, theta, amp, scale, cls.equals("imbalance"), rnd);
        if (cls.equals("bearing_outer_race")) {
            addImpacts(xyz, theta, resonanceHz, tau, scale, rnd);
        }
        for (double[] axis : xyz) {
            addNoise(axis, resonanceHz, tau, rnd);
        }
        return new Synth(shaftHz, xyz);
    }

    private static void addHarmonics(double[][] xyz, double[] theta, double[][] amp, double scale,
            boolean rotatingForce, Random rnd) {
        double[][] a = new double[3][3];
        double[][] phase = new double[3][3];
        for (int axis = 0; axis < 3; axis++) {
            for (int h = 0; h < 3; h++) {
                a[axis][h] = amp[axis][h] * scale * uniform(rnd, 0.75, 1.25);
                phase[axis][h] = TWO_PI * rnd.nextDouble();
            }
        }
        if (rotatingForce) {
            // a force rotating with the shaft: equal 1x on X and Y, 90 degrees apart (cos X, sin Y)
            a[1][0] = a[0][0];
            phase[1][0] = phase[0][0] - Math.PI / 2;
        }
        for (int axis = 0; axis < 3; axis++) {
            for (int h = 0; h < 3; h++) {
                for (int i = 0; i < SAMPLES; i++) {
                    xyz[axis][i] += a[axis][h] * StrictMath.cos((h + 1) * theta[i] + phase[axis][h]);
                }
            }
        }
    }

    /**
     * Outer-race defect: each ball rolling over it strikes the housing, which rings at its
     * resonance. The race is fixed, so the impacts keep the same strength (no shaft-rate
     * modulation) and hit hardest along the load direction Y.
     */
    private static void addImpacts(double[][] xyz, double[] theta, double resonanceHz, double tau,
            double scale, Random rnd) {
        int ringSamples = (int) Math.ceil(7 * tau * FS); // rung down to 0.1 %
        double first = rnd.nextDouble(); // where the balls stand at t = 0
        double before = first;
        for (int i = 1; i < SAMPLES; i++) {
            double balls = first + BPFO_ORDER * theta[i] / TWO_PI; // balls that passed the defect
            if (Math.floor(balls) > Math.floor(before)) {
                double bpfoHz = (theta[i] - theta[i - 1]) * FS / TWO_PI * BPFO_ORDER;
                // slip of the rolling elements: +-1 % of the ball-pass period
                double t0 = (i - 1 + (Math.floor(balls) - before) / (balls - before)) / FS
                        + 0.01 * uniform(rnd, -1, 1) / bpfoHz;
                double peak = IMPACT_G * scale * uniform(rnd, 0.8, 1.2);
                int start = (int) Math.ceil(t0 * FS);
                for (int j = Math.max(start, 0); j < Math.min(start + ringSamples, SAMPLES); j++) {
                    double dt = (double) j / FS - t0;
                    double v = peak * StrictMath.exp(-dt / tau) * StrictMath.sin(TWO_PI * resonanceHz * dt);
                    for (int axis = 0; axis < 3; axis++) {
                        xyz[axis][j] += IMPACT_AXIS[axis] * v;
                    }
                }
            }
            before = balls;
        }
    }

    /**
     * Sensor noise (white), low-frequency structural noise (white through a one-pole low-pass:
     * floor vibration, flow) and the housing resonance rung weakly by noise (a two-pole resonator
     * with the same frequency and decay as the bearing impacts), so that every class has energy
     * in the resonance band and only its periodic bursts tell a bearing fault.
     */
    private static void addNoise(double[] s, double resonanceHz, double tau, Random rnd) {
        double[] low = new double[SAMPLES];
        double[] ring = new double[SAMPLES];
        double a = StrictMath.exp(-TWO_PI * LOW_NOISE_HZ / FS);
        double r = StrictMath.exp(-1 / (tau * FS));
        double c = 2 * r * StrictMath.cos(TWO_PI * resonanceHz / FS);
        double l = rnd.nextGaussian() / Math.sqrt(1 - a * a); // start in the stationary state
        double y1 = 0;
        double y2 = 0;
        for (int i = 0; i < SAMPLES; i++) {
            l = a * l + rnd.nextGaussian();
            double y = c * y1 - r * r * y2 + rnd.nextGaussian();
            low[i] = l;
            ring[i] = y;
            y2 = y1;
            y1 = y;
        }
        double lowGain = LOW_NOISE_G / rms(low);
        double ringGain = RESONANCE_NOISE_G / rms(ring);
        for (int i = 0; i < SAMPLES; i++) {
            s[i] += SENSOR_NOISE_G * rnd.nextGaussian() + lowGain * low[i] + ringGain * ring[i];
        }
    }

    /** CSV bytes: {@code time,X,Y,Z}, time exact (1/5120 s has 10 decimals), values to 1e-6 g. */
    private static byte[] csv(double[][] xyz) {
        StringBuilder sb = new StringBuilder(SAMPLES * 44);
        sb.append("time,").append(String.join(",", CHANNELS)).append('\n');
        long tenthsOfNanos = 10_000_000_000L / FS; // one sample in units of 1e-10 s
        for (int i = 0; i < SAMPLES; i++) {
            appendDecimal(sb, i * tenthsOfNanos, 10);
            for (double[] axis : xyz) {
                sb.append(',');
                appendDecimal(sb, Math.round(axis[i] * 1e6), 6);
            }
            sb.append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Appends {@code units * 10^-decimals} as a plain decimal: '.' separator whatever the locale,
     * no exponent, no trailing zeros. Many times faster than {@code String.format}.
     */
    static void appendDecimal(StringBuilder sb, long units, int decimals) {
        if (units < 0) {
            sb.append('-');
            units = -units;
        }
        long pow = 1;
        for (int d = 0; d < decimals; d++) {
            pow *= 10;
        }
        sb.append(units / pow);
        long frac = units % pow;
        if (frac == 0) {
            return;
        }
        while (frac % 10 == 0) {
            frac /= 10;
            pow /= 10;
        }
        sb.append('.');
        for (long p = pow / 10; p > frac; p /= 10) {
            sb.append('0'); // leading zeros of the fraction
        }
        sb.append(frac);
    }

    private static byte[] properties(long seed) {
        return ("# triax built-in demo dataset (synthetic), see README.md\n"
                + "fs=" + FS + "\n"
                + "channels=" + String.join(",", CHANNELS) + "\n"
                + "demo.seed=" + seed + "\n"
                + "demo.version=" + VERSION + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] readme(long seed) {
        return ("# triax demo dataset\n\n"
                + "Synthetic vibration recordings made by triax (seed " + seed + ") so that `triax train`\n"
                + "runs without data. They are not measurements of a real machine.\n\n"
                + "- classes: " + String.join(", ", CLASSES) + "; " + PER_CLASS + " recordings each\n"
                + "- " + FS + " Hz, " + SAMPLES / FS + " s per recording; columns time (s),\n"
                + "  X and Y (radial, Y is the load direction), Z (axial), acceleration in g\n"
                + "- shaft 1200-1800 rpm; imbalance: 1x rotating force; misalignment: 2x and axial;\n"
                + "  bearing_outer_race: 6205 bearing, resonance bursts at BPFO = 3.585 x shaft speed\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean isComplete(Path dir, long seed) throws IOException {
        Properties p = demoProperties(dir);
        if (p == null || !String.valueOf(seed).equals(p.getProperty("demo.seed"))
                || !String.valueOf(VERSION).equals(p.getProperty("demo.version"))
                || !Files.isRegularFile(dir.resolve(README))) {
            return false;
        }
        for (String cls : CLASSES) {
            for (int k = 1; k <= PER_CLASS; k++) {
                if (!Files.isRegularFile(file(dir, cls, k))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The folder's properties when they mark a demo dataset, else null. */
    private static Properties demoProperties(Path dir) throws IOException {
        Path file = dir.resolve(PROPERTIES);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            p.load(in);
        }
        return p.containsKey("demo.version") ? p : null;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static double rms(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v * v;
        }
        return Math.sqrt(sum / x.length);
    }

    private static double uniform(Random rnd, double lo, double hi) {
        return lo + (hi - lo) * rnd.nextDouble();
    }

    /** SplitMix64 finaliser: neighbouring (seed, class, recording) get unrelated random streams. */
    private static long mix(long seed, int classIndex, int k) {
        long z = seed + 0x9E3779B97F4A7C15L * (1 + (long) classIndex * PER_CLASS + k);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
