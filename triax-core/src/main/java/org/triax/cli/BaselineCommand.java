package org.triax.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.triax.TriaxException;
import org.triax.artifact.AnomalyModelMetadata;
import org.triax.artifact.BaselineConfig;
import org.triax.dataset.DataOptions;
import org.triax.dataset.DatasetProperties;
import org.triax.health.Baseline;
import org.triax.health.NormalSelection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code triax baseline}: normal recordings in, an anomaly model of the machine's normal vibration out. */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = "Learn a machine's normal vibration from normal recordings only and set the alarm threshold from "
                + "held-out normal windows. The normal recordings are split fit/threshold/test 50/30/20 %% (by recording "
                + "when there are >= 3, else in time blocks) unless --split is given.")
final class BaselineCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR", description = "normal recordings: a folder of them, or a labelled "
            + "dataset with --normal-class")
    Path data;

    @Option(names = "--normal-class", paramLabel = "NAME", description = "the class folder of --data that holds the normal recordings")
    String normalClass;

    @Option(names = "--run", paramLabel = "DIR", description = "a time-ordered run of snapshots whose first part (--normal-first) is normal")
    Path run;

    @Option(names = "--normal-first", paramLabel = "SHARE", description = "share of --run taken as normal, from its start (default ${DEFAULT-VALUE})")
    String normalFirst = "20%";

    @Option(names = "--out", paramLabel = "DIR", description = "where the model file goes (default ${DEFAULT-VALUE})")
    Path out = Path.of("models");

    @Option(names = "--false-alarm", paramLabel = "RATE", description = "share of normal windows allowed above the alarm "
            + "threshold (default ${DEFAULT-VALUE}); needs ln(0.05)/ln(1-RATE) held-out normal windows (299 for 1%%)")
    String falseAlarm = "1%";

    @Option(names = "--detectors", paramLabel = "A,B", description = "detectors to fit, the first drives monitor's alarm "
            + "(default ${DEFAULT-VALUE})")
    String detectors = "indicators,autoencoder";

    @Option(names = "--persist", paramLabel = "N", description = "snapshots in a row above the threshold before monitor alarms (default ${DEFAULT-VALUE})")
    int persist = BaselineConfig.DEFAULT_PERSIST;

    @Option(names = "--bands", paramLabel = "N", description = "frequency bands of the condition indicators per channel (default ${DEFAULT-VALUE})")
    int bands = org.triax.signal.ConditionIndicators.DEFAULT_BANDS;

    @Option(names = "--epochs", description = "autoencoder training epochs, the last one kept (default ${DEFAULT-VALUE})")
    int epochs = 20;

    @Option(names = "--batch", description = "autoencoder mini-batch size (default ${DEFAULT-VALUE})")
    int batch = 32;

    @Option(names = "--lr", description = "autoencoder Adam learning rate (default ${DEFAULT-VALUE})")
    float learningRate = 1e-3f;

    @Option(names = "--seed", description = "seed of the split and of the autoencoder (default ${DEFAULT-VALUE})")
    long seed = 42;

    @Mixin
    DataOptionsMixin dataOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if ((data == null) == (run == null)) {
            throw new TriaxException("give the normal recordings with either --data DIR or --run DIR");
        }
        if (run != null && normalClass != null) {
            throw new TriaxException("--normal-class picks a class folder of --data; a --run is normal for its first --normal-first");
        }
        BaselineConfig cfg = new BaselineConfig(Shares.parse(falseAlarm, "--false-alarm"), seed, persist, bands,
                DatasetProperties.parseList(detectors), epochs, batch, learningRate);
        Path root = data != null ? data : run;
        DataOptions o = dataOptions.toOptions(root, seed);
        if (!spec.commandLine().getParseResult().hasMatchedOption("--split")) {
            o = o.withFractions(Baseline.FRACTIONS);
        }
        NormalSelection normal = data != null ? NormalSelection.of(data, normalClass)
                : NormalSelection.runStart(run, Shares.parse(normalFirst, "--normal-first"));
        Baseline.Result r = Baseline.run(o, normal, cfg, out, System.out);
        System.out.println();
        System.out.print(table(r.metadata()));
        return 0;
    }

    /** Each detector's threshold and its false alarms on the held-out normal test blocks. */
    static String table(AnomalyModelMetadata m) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-12s %12s %9s %22s %24s %12s%n", "detector",
                "threshold", "rank/n", "test windows > thr", "test recordings > thr", "median index"));
        for (AnomalyModelMetadata.Detector d : m.detectors()) {
            var t = d.threshold();
            var f = d.test();
            sb.append(String.format(Locale.ROOT, "%-12s %12.5g %9s %14.2f %% of %4d %16.2f %% of %4d %12.3f%n", d.name(),
                    t.value(), t.rank() + "/" + t.heldOut(), 100 * f.windowFalseAlarm(), f.windows(),
                    100 * f.recordingFalseAlarm(), f.recordings(), f.medianIndex()));
        }
        return sb.toString();
    }
}
