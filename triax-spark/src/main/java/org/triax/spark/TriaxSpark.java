package org.triax.spark;

import java.util.concurrent.Callable;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.triax.TriaxException;
import org.triax.artifact.TrainConfig;
import org.triax.cli.DataOptionsMixin;
import org.triax.cli.InputOptionsMixin;
import org.triax.dataset.DataOptions;
import org.triax.dataset.cache.SpectrogramCache;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code triax-spark}: the Spark jobs from the command line, embedded ({@code ./triax-spark}) or
 * under {@code spark-submit}. Exit status as {@code triax}: 2 for a user error, 3 when some
 * recordings could not be scored (each reported in its row).
 */
@Command(name = "triax-spark", mixinStandardHelpOptions = true, subcommands = {TriaxSpark.Score.class, TriaxSpark.Prepare.class},
        description = "triax jobs on Apache Spark")
public final class TriaxSpark implements Runnable {
    static final int USER_ERROR = 2;
    static final int PARTIAL = 3;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit status. */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new TriaxSpark());
        cl.setExecutionExceptionHandler((e, c, parsed) -> {
            Throwable t = e;
            while (!(t instanceof TriaxException) && t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            if (t instanceof TriaxException) {
                c.getErr().println("triax-spark: error: " + TriaxException.oneLine(t.getMessage()));
                return USER_ERROR;
            }
            throw e;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.err);
    }

    /** Options every job takes. */
    static class SparkOptions {
        @Option(names = "--master", paramLabel = "URL", description = "Spark master when run directly (default local[*]; "
                + "under spark-submit its --master)")
        String master;

        @Option(names = "--partitions", paramLabel = "N", description = "Spark partitions (default: 4 per core)")
        int partitions;
    }

    @Command(name = "score", mixinStandardHelpOptions = true,
            description = "Score recordings of any Hadoop file system into Parquet tables verdicts/ and windows/.")
    static final class Score implements Callable<Integer> {
        @Option(names = "--model", required = true, paramLabel = "FILE", description = "the model's ONNX export, or the .triax model with its export beside it")
        String model;

        @Option(names = "--input", required = true, paramLabel = "PATH", description = "a recording or a folder of them")
        String input;

        @Option(names = "--output", required = true, paramLabel = "DIR", description = "output folder to create")
        String output;

        @Option(names = "--fs", paramLabel = "HZ", description = "sampling rate of recordings that state none (default: the model's)")
        Double fs;

        @Option(names = "--variable", paramLabel = "NAME", description = "MAT variable or HDF5 dataset (default: the model's)")
        String variable;

        @CommandLine.Mixin
        SparkOptions spark = new SparkOptions();

        @Override
        public Integer call() throws java.io.IOException {
            if (fs != null && !(fs > 0 && Double.isFinite(fs))) {
                throw new TriaxException("--fs must be a positive number of Hz, got " + fs);
            }
            ScoreJob.Request req = new ScoreJob.Request(model, input, output, fs == null ? Double.NaN : fs, variable,
                    spark.partitions);
            ScoreJob.Summary s;
            try (SparkSession session = SparkSessions.open("triax score", spark.master)) {
                s = ScoreJob.run(session, req);
            }
            s.errors().forEach(e -> System.err.println("triax-spark: error: " + e));
            if (s.failed() > s.errors().size()) {
                System.err.printf("triax-spark: ... and %d more (the error column of %s)%n", s.failed() - s.errors().size(),
                        s.verdicts());
            }
            System.out.printf("scored %d recordings (%d windows)%s: %s, %s%n", s.scored(), s.windows(),
                    s.failed() > 0 ? ", " + s.failed() + " could not be scored (error rows)" : "", s.verdicts(), s.windowTable());
            return s.failed() > 0 ? PARTIAL : 0;
        }
    }

    @Command(name = "prepare", mixinStandardHelpOptions = true,
            description = "Prepare a dataset's training windows on Spark into the spectrogram cache that train --cache reads "
                    + "(the same options as train: the same cache entry).")
    static final class Prepare implements Callable<Integer> {
        @Option(names = "--data", required = true, paramLabel = "DIR",
                description = "dataset folder, one sub-folder per class (at the same path on every executor)")
        Path data;

        @Option(names = "--cache", paramLabel = "DIR", description = "cache folder (default: train's, ~/.cache/triax)")
        Path cache;

        @Option(names = "--seed", description = "seed of the split (default ${DEFAULT-VALUE})")
        long seed = TrainConfig.DEFAULT.seed();

        @CommandLine.Mixin
        DataOptionsMixin dataOptions;

        @CommandLine.Mixin
        InputOptionsMixin inputOptions;

        @CommandLine.Mixin
        SparkOptions spark = new SparkOptions();

        @Override
        public Integer call() throws java.io.IOException {
            DataOptions o = dataOptions.toOptions(data, seed).withTransform(inputOptions.transform());
            Path root = cache != null ? cache : SpectrogramCache.defaultRoot();
            try (SparkSession session = SparkSessions.open("triax prepare", spark.master)) {
                SpectrogramCache.Entry e = PrepareJob.run(session, o, root, System.out);
                System.out.printf("cache entry %s: train %d, validation %d, test %d windows; train --data %s --cache %s "
                        + "reads it%n", e.dir(), e.sets().train().size(), e.sets().validation().size(),
                        e.sets().test().size(), data, root);
            }
            return 0;
        }
    }
}
