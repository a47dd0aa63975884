package org.triax.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.triax.artifact.TrainConfig;
import org.triax.dataset.DataOptions;
import org.triax.dataset.DemoDataset;
import org.triax.dataset.SplitFractions;
import org.triax.dataset.SplitProtocol;
import org.triax.model.Design;
import org.triax.onnx.OnnxExport;
import org.triax.signal.StftConfig;
import org.triax.signal.WindowFunction;
import org.triax.signal.WindowSpec;
import org.triax.train.TrainJob;
import org.triax.train.TrainingListener;

/**
 * What the Spark tests share, made once per test JVM: the demo dataset, a model trained on it for
 * one short epoch (the fused design, 20 windows per recording), and a {@code local[2]} session.
 */
final class SparkTests {
    static final long SEED = 7;

    private static Path work;
    private static Path model;
    private static SparkSession spark;

    private SparkTests() {
    }

    static synchronized Path work() throws IOException {
        if (work == null) {
            work = Files.createTempDirectory(Path.of("target"), "spark-tests-").toAbsolutePath();
            Path dir = work;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
        }
        return work;
    }

    private static void deleteQuietly(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // target/ is cleaned by mvn clean anyway
        }
    }

    static Path demoData() throws IOException {
        return DemoDataset.generate(work().resolve("demo"), SEED);
    }

    /** The data options both the in-memory training and PrepareJob's shards use. */
    static DataOptions dataOptions(Path data) {
        return new DataOptions(data, List.of(), Double.NaN, null, new WindowSpec(256, 512),
                new StftConfig(32, 16, WindowFunction.HANN, -120, 0, Double.POSITIVE_INFINITY),
                SplitProtocol.BY_RECORDING, SplitFractions.DEFAULT, SEED);
    }

    static TrainConfig trainConfig() {
        return new TrainConfig(1, 32, 1e-3f, SEED, false);
    }

    /** The model trained in memory (the core's path) on the demo data. */
    static synchronized Path triaxModel() throws IOException {
        if (model == null) {
            List<TrainJob.Outcome> o = TrainJob.run(dataOptions(demoData()), List.of(Design.FUSED), trainConfig(),
                    work().resolve("models"), TrainingListener.SILENT, new PrintStream(new ByteArrayOutputStream()));
            model = o.get(0).modelFile();
        }
        return model;
    }

    /** Its ONNX export. */
    static Path onnxModel() throws IOException {
        return OnnxExport.defaultPath(triaxModel());
    }

    static synchronized SparkSession spark() {
        if (spark == null) {
            spark = SparkSession.builder().master("local[2]").appName("triax tests")
                    .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        }
        return spark;
    }
}
