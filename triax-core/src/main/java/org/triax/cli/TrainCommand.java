package org.triax.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.triax.artifact.TrainConfig;
import org.triax.dataset.DataOptions;
import org.triax.dataset.DemoDataset;
import org.triax.model.Design;
import org.triax.train.TrainJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code triax train}: a dataset folder in, one model file per design out. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the separate and/or fused CNN on a folder of labelled recordings (one sub-folder per class).")
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR", description = "dataset folder (default: generate and use the built-in demo dataset in OUT/demo-data)")
    Path data;

    @Mixin
    TrainingOptionsMixin training;

    @Option(names = "--out", paramLabel = "DIR", description = "where model files and plots go (default ${DEFAULT-VALUE})")
    Path out = Path.of("models");

    @Mixin
    DataOptionsMixin dataOptions;

    @Mixin
    InputOptionsMixin inputOptions;

    @Mixin
    RunOptionsMixin runOptions;

    @Override
    public Integer call() {
        List<Design> designs = training.designs();
        TrainConfig cfg = training.config();
        Path root = data != null ? data : out.resolve("demo-data");
        // checks every option before the demo dataset is written into the output folder
        DataOptions options = dataOptions(root, cfg);
        org.triax.train.RunOptions run = runOptions.toRunOptions();
        if (data == null) {
            options.transform().checkBand(DemoDataset.FS);
            DemoDataset.generate(root, DemoDataset.SEED);
            System.out.println("no --data given: using the built-in demo dataset in " + root);
        }
        List<TrainJob.Outcome> outcomes = TrainJob.run(options, designs, cfg, out, run,
                new ConsoleProgress(System.err), System.out);
        System.out.println();
        System.out.print(comparison(outcomes));
        return 0;
    }

    /** The data options this command line gives for the dataset folder {@code root}. */
    DataOptions dataOptions(Path root, TrainConfig cfg) {
        return dataOptions.toOptions(root, cfg.seed()).withTransform(inputOptions.transform());
    }

    /** The side-by-side table the original study reported. */
    static String comparison(List<TrainJob.Outcome> outcomes) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-9s %9s %9s %13s %11s %10s  %s%n",
                "design", "val acc", "test acc", "test macroF1", "best/epochs", "train s", "model"));
        for (TrainJob.Outcome o : outcomes) {
            sb.append(String.format(Locale.ROOT, "%-9s %8.2f%% %8.2f%% %13.3f %11s %10.1f  %s%n", o.design().label(),
                    100 * o.validation().accuracy(), 100 * o.test().accuracy(), o.test().macroF1(),
                    o.bestEpoch() + "/" + o.epochs(), o.trainSeconds(), o.modelFile()));
        }
        return sb.toString();
    }
}
