package org.triax.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jtransforms.fft.DoubleFFT_1D;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.triax.cli.TriaxCli;
import org.triax.model.Design;
import org.triax.model.TriaxNetwork;
import org.triax.predict.InferenceEngine;
import org.triax.predict.RecordingScorer;
import org.triax.predict.Verdict;
import org.triax.signal.InputTransform;

/**
 * The portable contract: a program that knows nothing of triax (only ONNX Runtime, an FFT and the
 * {@code triax.*} metadata properties of the {@code .onnx} file) rebuilds the network input from
 * a raw recording and reaches the verdict that triax reaches, for the plain spectrogram and for
 * the envelope input and the log frequency axis.
 */
class OnnxContractTest {

    @TempDir
    Path dir;

    static Stream<Arguments> designsAndInputs() {
        InputTransform envelopeLog = new InputTransform(InputTransform.Kind.ENVELOPE, null, InputTransform.Axis.LOG);
        InputTransform envelopeBand = new InputTransform(InputTransform.Kind.ENVELOPE, new InputTransform.Band(150, 420),
                InputTransform.Axis.LINEAR);
        InputTransform log = new InputTransform(InputTransform.Kind.SPECTROGRAM, null, InputTransform.Axis.LOG);
        return Stream.of(Arguments.of(Design.SEPARATE, InputTransform.DEFAULT), Arguments.of(Design.FUSED, InputTransform.DEFAULT),
                Arguments.of(Design.FUSED, envelopeLog), Arguments.of(Design.SEPARATE, envelopeBand),
                Arguments.of(Design.FUSED, log));
    }

    @ParameterizedTest
    @MethodSource("designsAndInputs")
    void theOnnxFileAloneGivesTriaxsVerdict(Design design, InputTransform transform) throws Exception {
        Path triax;
        try (TriaxNetwork net = TestModels.network(design, 21 + design.ordinal())) {
            triax = TestModels.saveTriax(net, dir, "model", TestModels.pre(transform));
        }
        assertEquals(0, TriaxCli.execute("export", "--model", triax.toString()));
        Path onnx = dir.resolve("model.onnx");
        assertTrue(Files.isRegularFile(onnx));
        // 299 windows: more than one chunk of the scorer's spectrogram / inference pipeline (256)
        Path csv = writeCsv(TestModels.recording(9000, 7), dir.resolve("rec.csv"));

        Standalone alone = Standalone.score(onnx, csv);

        for (InferenceEngine engine : InferenceEngine.values()) {
            try (RecordingScorer scorer = new RecordingScorer(triax, engine, List.of(), null)) {
                Verdict v = scorer.score(csv);
                assertEquals(alone.windows, v.windows(), engine.name());
                assertEquals(alone.verdict, v.predicted(), engine.name());
                for (int c = 0; c < alone.mean.length; c++) {
                    assertEquals(alone.mean[c], v.meanProbabilities()[c], 1e-4, engine + " class " + c);
                }
            }
        }
        JsonNode json = predictJson("--model", onnx.toString(), "--format", "json", csv.toString()).get(0);
        assertEquals(alone.verdict, json.get("predicted").asText());
        for (int c = 0; c < alone.mean.length; c++) {
            assertEquals(alone.mean[c], json.get("meanProbabilities").get(c).asDouble(), 1e-4);
        }
        double spread = Arrays.stream(alone.mean).max().orElseThrow() - Arrays.stream(alone.mean).min().orElseThrow();
        assertTrue(spread > 1e-3, "mean probabilities should not be uniform: " + Arrays.toString(alone.mean));
    }

    private static JsonNode predictJson(String... args) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            String[] full = new String[args.length + 1];
            full[0] = "predict";
            System.arraycopy(args, 0, full, 1, args.length);
            assertEquals(0, TriaxCli.execute(full));
        } finally {
            System.setOut(old);
        }
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    private static Path writeCsv(double[][] x, Path file) throws Exception {
        StringBuilder sb = new StringBuilder("X,Y,Z\n");
        for (int i = 0; i < x[0].length; i++) {
            sb.append(x[0][i]).append(',').append(x[1][i]).append(',').append(x[2][i]).append('\n');
        }
        Files.writeString(file, sb);
        return file;
    }

    /** What a user in another language would write: no triax class used below. */
    private static final class Standalone {
        String verdict;
        double[] mean;
        int windows;

        static Standalone score(Path onnx, Path csv) throws Exception {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession session = env.createSession(onnx.toString())) {
                Map<String, String> m = session.getMetadata().getCustomMetadata();
                String[] channels = m.get("triax.channels").split(",");
                String[] classes = m.get("triax.classes").split(",");
                double fs = Double.parseDouble(m.get("triax.sample_rate_hz"));
                if (Double.isNaN(fs)) {
                    fs = 1;
                }
                int window = Integer.parseInt(m.get("triax.window_samples"));
                int hop = Integer.parseInt(m.get("triax.hop_samples"));
                int seg = Integer.parseInt(m.get("triax.stft_segment"));
                int step = seg - Integer.parseInt(m.get("triax.stft_overlap"));
                int firstBin = Integer.parseInt(m.get("triax.first_bin"));
                int bins = Integer.parseInt(m.get("triax.bins"));
                int frames = Integer.parseInt(m.get("triax.frames"));
                double floor = Double.parseDouble(m.get("triax.db_floor"));
                double[] mean = Arrays.stream(m.get("triax.norm_mean").split(",")).mapToDouble(Double::parseDouble).toArray();
                double[] std = Arrays.stream(m.get("triax.norm_std").split(",")).mapToDouble(Double::parseDouble).toArray();
                boolean envelope = m.getOrDefault("triax.input", "spectrogram").equals("envelope");
                boolean log = m.getOrDefault("triax.freq_axis", "linear").equals("log");
                assertEquals("hann", m.get("triax.stft_window"));
                assertEquals("psd density, one-sided, segment mean removed", m.get("triax.stft_scaling"));
                assertEquals(frames, (window - seg) / step + 1);

                double[][] x = readColumns(csv, channels);
                double[] w = new double[seg];
                double energy = 0;
                for (int i = 0; i < seg; i++) {
                    w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / seg); // periodic Hann
                    energy += w[i] * w[i];
                }
                double[][] pool = log ? logPooling(m, firstBin, bins) : null;
                int count = (x[0].length - window) / hop + 1;
                int cc = channels.length;
                float[] input = new float[count * cc * bins * frames];
                DoubleFFT_1D fft = new DoubleFFT_1D(seg);
                double[] buf = new double[2 * seg];
                double[] psd = new double[seg / 2 + 1];
                for (int k = 0; k < count; k++) {
                    for (int c = 0; c < cc; c++) {
                        double[] y = Arrays.copyOfRange(x[c], k * hop, k * hop + window);
                        if (envelope) {
                            y = envelope(y, Integer.parseInt(m.get("triax.envelope_fft_size")),
                                    Integer.parseInt(m.get("triax.envelope_first_bin")),
                                    Integer.parseInt(m.get("triax.envelope_last_bin")));
                        }
                        for (int f = 0; f < frames; f++) {
                            int start = f * step;
                            double avg = 0;
                            for (int i = 0; i < seg; i++) {
                                avg += y[start + i] / seg;
                            }
                            for (int i = 0; i < seg; i++) {
                                buf[2 * i] = (y[start + i] - avg) * w[i];
                                buf[2 * i + 1] = 0;
                            }
                            fft.complexForward(buf);
                            for (int bin = 0; bin <= seg / 2; bin++) {
                                double re = buf[2 * bin];
                                double im = buf[2 * bin + 1];
                                psd[bin] = (re * re + im * im) / (fs * energy) * (bin > 0 && bin < seg / 2 ? 2 : 1);
                            }
                            for (int b = 0; b < bins; b++) {
                                double p = 0;
                                if (pool == null) {
                                    p = psd[firstBin + b];
                                } else {
                                    for (int i = 0; i < bins; i++) {
                                        p += pool[b][i] * psd[firstBin + i];
                                    }
                                }
                                double db = Math.max(10 * Math.log10(p), floor);
                                input[((k * cc + c) * bins + b) * frames + f] = (float) ((db - mean[c]) / std[c]);
                            }
                        }
                    }
                }
                float[][] p;
                try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(input),
                        new long[] {count, cc, bins, frames});
                        OrtSession.Result r = session.run(Map.of("spectrogram", t))) {
                    p = (float[][]) r.get("probabilities").orElseThrow().getValue();
                }
                Standalone s = new Standalone();
                s.windows = count;
                s.mean = new double[classes.length];
                for (float[] row : p) {
                    for (int c = 0; c < classes.length; c++) {
                        s.mean[c] += row[c] / count;
                    }
                }
                int best = 0;
                for (int c = 1; c < classes.length; c++) {
                    if (s.mean[c] > s.mean[best]) {
                        best = c;
                    }
                }
                s.verdict = classes[best];
                return s;
            }
        }

        /**
         * The band envelope as the metadata describes it: the window and its mirror image, FFT, the band's
         * positive bins doubled (the Nyquist bin once), everything else zero, |inverse FFT| of the first half,
         * minus its mean.
         */
        static double[] envelope(double[] x, int size, int first, int last) {
            int n = x.length;
            assertEquals(2 * n, size);
            double[] z = new double[2 * size];
            for (int i = 0; i < n; i++) {
                z[2 * i] = x[i];
                z[2 * (size - 1 - i)] = x[i];
            }
            DoubleFFT_1D fft = new DoubleFFT_1D(size);
            fft.complexForward(z);
            for (int k = 0; k < size; k++) {
                double g = k >= first && k <= last ? (k == size / 2 ? 1 : 2) : 0;
                z[2 * k] *= g;
                z[2 * k + 1] *= g;
            }
            fft.complexInverse(z, true);
            double[] e = new double[n];
            double avg = 0;
            for (int i = 0; i < n; i++) {
                e[i] = Math.hypot(z[2 * i], z[2 * i + 1]);
                avg += e[i] / n;
            }
            for (int i = 0; i < n; i++) {
                e[i] -= avg;
            }
            return e;
        }

        /** Row j of the log axis: weights max(0, 1 - |k - centre_j| / half-width_j) over k = firstBin + i, summing to 1. */
        static double[][] logPooling(Map<String, String> m, int firstBin, int bins) {
            double[] centre = Arrays.stream(m.get("triax.log_bin_centers").split(",")).mapToDouble(Double::parseDouble).toArray();
            double[] half = Arrays.stream(m.get("triax.log_bin_half_widths").split(",")).mapToDouble(Double::parseDouble)
                    .toArray();
            double[][] w = new double[bins][bins];
            for (int j = 0; j < bins; j++) {
                double sum = 0;
                for (int i = 0; i < bins; i++) {
                    w[j][i] = Math.max(0, 1 - Math.abs(firstBin + i - centre[j]) / half[j]);
                    sum += w[j][i];
                }
                for (int i = 0; i < bins; i++) {
                    w[j][i] /= sum;
                }
            }
            return w;
        }

        /** The named columns of a CSV with a header row, in the given order. */
        static double[][] readColumns(Path csv, String[] names) throws Exception {
            List<String> lines = Files.readAllLines(csv);
            List<String> header = Arrays.asList(lines.get(0).split(","));
            List<double[]> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                rows.add(Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray());
            }
            double[][] x = new double[names.length][rows.size()];
            for (int c = 0; c < names.length; c++) {
                int col = header.indexOf(names[c]);
                for (int i = 0; i < rows.size(); i++) {
                    x[c][i] = rows.get(i)[col];
                }
            }
            return x;
        }
    }
}
