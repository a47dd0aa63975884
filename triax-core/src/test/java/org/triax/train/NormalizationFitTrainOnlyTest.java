package org.triax.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.triax.artifact.ModelArtifact;
import org.triax.artifact.ModelMetadata;
import org.triax.artifact.TrainConfig;
import org.triax.dataset.DataOptions;
import org.triax.dataset.SplitFractions;
import org.triax.dataset.SplitProtocol;
import org.triax.model.Design;
import org.triax.signal.Stft;
import org.triax.signal.StftConfig;
import org.triax.signal.WindowFunction;
import org.triax.signal.WindowSpec;
import org.triax.testing.TinyData;

/**
 * README "Normalisation: per-channel mean and standard deviation of the dB values, from the training
 * windows only, saved with the model", end to end: a real {@link TrainJob} run on recordings whose
 * validation and test windows are far louder or quieter than the training ones. The statistics saved in
 * the model must be those of the training windows, recomputed here from the raw samples and the split
 * blocks the model file lists, and must differ from those of all windows.
 */
class NormalizationFitTrainOnlyTest {
    private static final double FS = 1000;
    private static final int SAMPLES = 2048;
    private static final WindowSpec WINDOW = new WindowSpec(256, 128);
    private static final StftConfig STFT = new StftConfig(32, 16, WindowFunction.HANN, -120, 0, Double.POSITIVE_INFINITY);
    private static final double[] TONE = {60, 190};
    /** Per-channel level (dB): a fit that pooled the channels would fail too. */
    private static final double[] CHANNEL_DB = {0, 8, -8};
    /**
     * BY_RECORDING, 3 recordings per class (so each set gets one per class): recording k of class c
     * is {@code LEVEL_DB[c][k]} louder. Whichever recording of each class is train, the training mean
     * is at least 1.5 dB from the mean of all recordings (mean level 7.5 dB; train pairs 0..18 dB, none
     * within 1.5 dB of it).
     */
    private static final double[][] LEVEL_DB = {{0, 6, 24}, {0, 3, 12}};
    /** TIME_BLOCKS: the last 30 % of every recording (validation and test) is this much louder. */
    private static final double TAIL_DB = 20;

    @TempDir
    Path dir;

    /** The samples written, by file name relative to the dataset root: {@code [channel][time]}. */
    private final Map<String, double[][]> written = new HashMap<>();

    private void write(String relative, int cls, long seed, double[] gainDbOverTime) throws IOException {
        Random rnd = new Random(seed);
        double[][] x = new double[3][SAMPLES];
        StringBuilder sb = new StringBuilder("time,X,Y,Z\n");
        for (int i = 0; i < SAMPLES; i++) {
            sb.append(i / FS);
            for (int c = 0; c < 3; c++) {
                double gain = Math.pow(10, (CHANNEL_DB[c] + gainDbOverTime[i]) / 20);
                double v = gain * (Math.sin(2 * Math.PI * TONE[cls] * i / FS + c) + 0.3 * rnd.nextGaussian());
                x[c][i] = Math.round(v * 1e5) / 1e5; // the CSV text parses back to exactly this double
                sb.append(',').append(x[c][i]);
            }
            sb.append('\n');
        }
        Path file = dir.resolve("data").resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, sb);
        written.put(relative, x);
    }

    private Path dataset(SplitProtocol protocol) throws IOException {
        for (int c = 0; c < 2; c++) {
            int recordings = protocol == SplitProtocol.BY_RECORDING ? 3 : 2;
            for (int k = 0; k < recordings; k++) {
                double[] level = new double[SAMPLES];
                for (int i = 0; i < SAMPLES; i++) {
                    level[i] = protocol == SplitProtocol.BY_RECORDING ? LEVEL_DB[c][k]
                            : i >= 0.7 * SAMPLES ? TAIL_DB : 0;
                }
                String cls = TinyData.CLASSES.get(c);
                write(cls + "/" + cls + "_" + k + ".csv", c, 100L * c + k, level);
            }
        }
        return dir.resolve("data");
    }

    /** Per channel {mean, std} of the dB values of every window of the blocks of {@code subsets}. */
    private double[][] stats(ModelMetadata meta, List<String> subsets) {
        Stft stft = new Stft(STFT, FS);
        int perChannel = stft.bins() * STFT.frames(WINDOW.length());
        float[] db = new float[perChannel];
        double[] sum = new double[3];
        double[] sq = new double[3];
        long n = 0;
        for (ModelMetadata.Block b : meta.split().blocks()) {
            if (!subsets.contains(b.subset())) {
                continue;
            }
            double[][] x = written.get(b.file());
            assertTrue(x != null, "the model lists a file that was not written: " + b.file());
            for (int start = b.from(); start + WINDOW.length() <= b.to(); start += WINDOW.hop()) {
                for (int c = 0; c < 3; c++) {
                    stft.spectrogramDb(x[c], start, WINDOW.length(), db, 0);
                    for (float v : db) {
                        sum[c] += v;
                        sq[c] += (double) v * v;
                    }
                }
                n += perChannel;
            }
        }
        double[][] out = new double[3][];
        for (int c = 0; c < 3; c++) {
            double m = sum[c] / n;
            out[c] = new double[] {m, Math.sqrt(sq[c] / n - m * m)};
        }
        return out;
    }

    private int windows(ModelMetadata meta, String subset) {
        return meta.split().blocks().stream().filter(b -> b.subset().equals(subset))
                .mapToInt(b -> WINDOW.count(b.from(), b.to())).sum();
    }

    @ParameterizedTest
    @EnumSource(value = SplitProtocol.class, names = {"BY_RECORDING", "TIME_BLOCKS"})
    void savedStatisticsAreThoseOfTheTrainingWindowsAlone(SplitProtocol protocol) throws IOException {
        Path data = dataset(protocol);
        DataOptions options = new DataOptions(data, List.of(), Double.NaN, null, WINDOW, STFT, protocol,
                SplitFractions.DEFAULT, 7);
        TrainConfig cfg = new TrainConfig(1, 32, 1e-3f, 7, false);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<TrainJob.Outcome> outcomes = TrainJob.run(options, List.of(Design.FUSED), cfg, dir.resolve("models"),
                TrainingListener.SILENT, new PrintStream(log, true, StandardCharsets.UTF_8));
        ModelMetadata meta = ModelArtifact.load(outcomes.get(0).modelFile()).metadata();
        assertEquals(protocol.name(), meta.split().protocol());
        assertEquals(STFT, meta.preprocessing().stft());
        assertEquals(WINDOW, meta.preprocessing().window());
        assertEquals(windows(meta, "TRAIN"), meta.dataset().trainWindows(), "the blocks give the training windows");
        assertTrue(meta.dataset().validationWindows() > 0 && meta.dataset().testWindows() > 0);

        double[][] train = stats(meta, List.of("TRAIN"));
        double[][] all = stats(meta, List.of("TRAIN", "VALIDATION", "TEST"));
        float[] mean = meta.normalization().mean();
        float[] std = meta.normalization().std();
        for (int c = 0; c < 3; c++) {
            String ch = protocol + " channel " + c;
            assertEquals(train[c][0], mean[c], 1e-4, ch + ": saved mean = training windows' mean");
            assertEquals(train[c][1], std[c], 1e-4, ch + ": saved std = training windows' std");
            assertTrue(Math.abs(all[c][0] - mean[c]) > 1.0, ch + ": saved mean " + mean[c]
                    + " must differ from the all-windows mean " + all[c][0]);
        }
        if (protocol == SplitProtocol.TIME_BLOCKS) {
            // validation and test windows are 20 dB louder: pooling them moves the mean by about
            // 20 dB times their share of all windows (not exactly: the tail is other noise)
            int total = windows(meta, "TRAIN") + windows(meta, "VALIDATION") + windows(meta, "TEST");
            double share = (double) (total - windows(meta, "TRAIN")) / total;
            for (int c = 0; c < 3; c++) {
                assertEquals(TAIL_DB * share, all[c][0] - mean[c], 0.5, "all-windows mean " + all[c][0] + " vs train " + mean[c]);
                assertTrue(all[c][1] > std[c] + 0.5, "all-windows std " + all[c][1] + " vs train " + std[c]);
            }
        }
    }
}
