package org.triax.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * Entry point of the benchmark suite (timed by {@code bench/run.sh}; BenchSmokeTest runs one short
 * iteration of each in the unit tests, without timing anything). Each
 * sub-benchmark prints one JSON object per line on stdout; bench/report.py pairs them with the
 * PyTorch/scipy peer's lines measured in the same run.
 *
 * <pre>
 * train  DESIGN STEPS      training throughput (samples/s) of ModelTrainer on random tensors
 * stft   THREADS REPEATS   spectrogram of 3 x 10^6 samples, segment 256, 50 % overlap, Hann, dB
 * predict DESIGN WINDOWS   one-window latency p50/p99 and long-recording throughput
 * studio REQUESTS CLIENTS  prediction over HTTP (triax serve) beside in-process, requests/s and p50/p99
 * studio REQUESTS CLIENTS profile   only the HTTP row (HttpURLConnection), for bench/studio.sh profile
 * </pre>
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: BenchMain train|stft|predict ...");
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "train" -> TrainBench.run(rest);
            case "stft" -> StftBench.run(rest);
            case "predict" -> PredictBench.run(rest);
            case "studio" -> StudioBench.run(rest);
            case "scale" -> ScaleBench.run(rest);
            case "ooc" -> OocBench.run(rest);
            default -> throw new IllegalArgumentException("unknown benchmark " + args[0]);
        }
        System.exit(0);
    }

    private static final java.io.BufferedReader STDIN =
            new java.io.BufferedReader(new java.io.InputStreamReader(System.in));

    /** Blocks until the pacing driver (bench/lockstep.py) writes a line: this process's turn to run. */
    static void awaitTurn() {
        System.out.flush();
        try {
            if (STDIN.readLine() == null) {
                throw new IllegalStateException("lockstep driver went away");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Collects each epoch's seconds into {@code perEpoch}; with {@code lockstep} also prints them
     * and waits for the next turn after every epoch.
     */
    static org.triax.train.TrainingListener epochTiming(java.util.List<Double> perEpoch, boolean lockstep) {
        return new org.triax.train.TrainingListener() {
            @Override
            public void epoch(org.triax.artifact.EpochStats s, int total, boolean best) {
                perEpoch.add(s.seconds());
                if (lockstep) {
                    System.out.println(json("epoch_s", s.seconds()));
                    awaitTurn();
                }
            }
        };
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static double percentile(double[] v, double p) {
        double[] s = v.clone();
        Arrays.sort(s);
        int i = (int) Math.ceil(p / 100 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, i))];
    }

    static String json(Object... kv) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < kv.length; i += 2) {
            if (i > 0) {
                sb.append(", ");
            }
            Object v = kv[i + 1];
            String val = v instanceof String ? "\"" + v + "\"" : v instanceof Double d
                    ? String.format(Locale.ROOT, "%.6g", d) : String.valueOf(v);
            sb.append('"').append(kv[i]).append("\": ").append(val);
        }
        return sb.append('}').toString();
    }

    static long peakRssKb() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (java.io.IOException e) {
            return -1;
        }
        return -1;
    }
}
