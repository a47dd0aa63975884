package org.triax.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.triax.TriaxException;
import org.triax.predict.RecordingScorer;
import org.triax.predict.Verdict;
import org.triax.signal.ReadOptions;

/**
 * Scores recordings on Spark: every recording under an input path of any Hadoop file system
 * gets a verdict and per-window probabilities, written as Parquet ({@link ScoreRows}). The same
 * library calls as {@code triax predict} ({@link RecordingScorer} on the model's ONNX export), so
 * the same verdicts. The driver lists the files and spreads them over partitions; each executor
 * JVM runs one ONNX Runtime session ({@link ExecutorModels}) with {@code spark.task.cpus}
 * intra-op threads. A recording that cannot be read or scored becomes an error row; the job goes on.
 */
public final class ScoreJob {

    /**
     * @param model the triax {@code .onnx} model (any Hadoop path)
     * @param input a recording or a folder of them (searched with its sub-folders)
     * @param output folder to create: {@code verdicts/} and {@code windows/} Parquet tables
     * @param fs Hz of recordings that state no rate (NaN: the model's)
     * @param variable MAT variable / HDF5 dataset (null: the model's, else automatic)
     * @param partitions Spark partitions (0: four per core of the application)
     */
    public record Request(String model, String input, String output, double fs, String variable, int partitions) {
    }

    /** Error rows reported back to the driver (all of them are in the verdicts table). */
    static final int ERRORS_SHOWN = 100;

    /**
     * What the job did: recordings scored and failed, windows scored, where the tables are, and
     * the first {@link #ERRORS_SHOWN} errors (one line each, naming the recording).
     */
    public record Summary(long scored, long failed, long windows, String verdicts, String windowTable,
                          List<String> errors) {
    }

    private ScoreJob() {
    }

    public static Summary run(SparkSession spark, Request req) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        ModelBytes model = ModelBytes.read(req.model(), conf);
        List<String> classes = model.metadata().classes();
        int hop = model.metadata().preprocessing().window().hop();
        JobOutput out = JobOutput.reserve(req.output(), conf);
        List<String> files = RecordingUris.list(req.input(), conf);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<ModelBytes> shared = jsc.broadcast(model);
        HadoopConf hadoop = new HadoopConf(conf);
        double fs = req.fs();
        String variable = req.variable();
        int partitions = Math.min(files.size(), req.partitions() > 0 ? req.partitions() : 4 * jsc.defaultParallelism());
        JavaRDD<Row> rows = jsc.parallelize(files, partitions)
                .mapPartitions(uris -> score(uris, shared.value(), hadoop, new ReadOptions(fs, variable), hop));
        Dataset<Row> scored = spark.createDataFrame(rows, ScoreRows.scored(classes)).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            scored.drop("window_scores").orderBy("recording").write().parquet(out.staging(ScoreRows.VERDICTS));
            scored.select(col("recording"), explode(col("window_scores")).as("w")).select(ScoreRows.windowColumns(classes))
                    .write().parquet(out.staging(ScoreRows.WINDOWS));
            Row totals = scored.agg(count(when(col("error").isNotNull(), true)), sum("windows")).first();
            long failed = totals.getLong(0);
            long windows = totals.getLong(1);
            List<String> errors = failed == 0 ? List.of() : scored.filter(col("error").isNotNull()).orderBy("recording")
                    .select("error").limit(ERRORS_SHOWN).collectAsList().stream().map(r -> r.getString(0)).toList();
            out.publish();
            return new Summary(files.size() - failed, failed, windows, out.published(ScoreRows.VERDICTS),
                    out.published(ScoreRows.WINDOWS), errors);
        } catch (RuntimeException e) {
            out.abandon();
            throw e;
        } finally {
            scored.unpersist();
            shared.destroy();
        }
    }

    /** One partition: each recording copied to a local file, read, scored; failures become error rows. */
    private static Iterator<Row> score(Iterator<String> uris, ModelBytes model, HadoopConf hadoop, ReadOptions read,
                                       int hop) {
        RecordingScorer scorer = ExecutorModels.scorer(model, read, TaskContext.get().cpus());
        List<String> classes = scorer.metadata().classes();
        // lazily, one recording at a time: a partition's recordings are never all in memory
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return uris.hasNext();
            }

            @Override
            public Row next() {
                return scoreOne(scorer, uris.next(), hadoop.get(), classes, hop);
            }
        };
    }

    private static Row scoreOne(RecordingScorer scorer, String uri, Configuration conf, List<String> classes, int hop) {
        LocalCopy copy = null;
        try {
            copy = LocalCopy.of(uri, conf);
            // streamed from RecordingScorer.STREAM_BYTES on: a long recording's samples are never all in memory
            RecordingScorer.Scored scored = scorer.scoreWindows(copy.file());
            return ScoreRows.row(scored.verdict().named(uri), scored.windows(), hop);
        } catch (Exception e) {
            // a bad recording is reported in its row; it never fails the job
            String why = e instanceof TriaxException ? e.getMessage() : uri + ": " + e;
            String message = TriaxException.oneLine(copy == null ? why : copy.original(why, uri));
            return ScoreRows.failed(Verdict.failed(uri, classes, message));
        } finally {
            if (copy != null) {
                try {
                    copy.close();
                } catch (java.io.IOException ignored) {
                    // a temporary file left in java.io.tmpdir: the OS cleans it
                }
            }
        }
    }
}
