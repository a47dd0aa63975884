package org.triax.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.triax.TriaxException;
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

    @Option(names = "--mode", paramLabel = "MODE", description = "separate, fused or both (default ${DEFAULT-VALUE})")
    String mode = "both";

    @Option(names = "--epochs", description = "training epochs (default ${DEFAULT-VALUE})")
    int epochs = TrainConfig.DEFAULT.epochs();

    @Option(names = "--batch", description = "mini-batch size (default ${DEFAULT-VALUE})")
    int batch = TrainConfig.DEFAULT.batchSize();

    @Option(names = "--lr", description = "Adam learning rate (default ${DEFAULT-VALUE})")
    float learningRate = TrainConfig.DEFAULT.learningRate();

    @Option(names = "--class-weights", description = "weight the loss by inverse class frequency (imbalanced data)")
    boolean classWeights;

    @Option(names = "--seed", description = "seed of the split, initial weights and shuffles (default ${DEFAULT-VALUE})")
    long seed = TrainConfig.DEFAULT.seed();

    @Option(names = "--out", paramLabel = "DIR", description = "where model files and plots go (default ${DEFAULT-VALUE})")
    Path out = Path.of("models");

    @Mixin
    DataOptionsMixin dataOptions;

    @Override
    public Integer call() {
        List<Design> designs = designs(mode);
        TrainConfig cfg = new TrainConfig(epochs, batch, learningRate, seed, classWeights);
        Path root = data != null ? data : out.resolve("demo-data");
        // checks every option before the demo dataset is written into the output folder
        DataOptions options = dataOptions.toOptions(root, seed).withResample(dataOptions.resample());
        if (data == null) {
            DemoDataset.generate(root, DemoDataset.SEED);
            System.out.println("no --data given: using the built-in demo dataset in " + root);
        }
        List<TrainJob.Outcome> outcomes = TrainJob.run(options, designs, cfg, out,
                new ConsoleProgress(System.err), System.out);
        System.out.println();
        System.out.print(comparison(outcomes));
        return 0;
    }

    static List<Design> designs(String mode) {
        return switch (mode.trim().toLowerCase(Locale.ROOT)) {
            case "both" -> List.of(Design.SEPARATE, Design.FUSED);
            case "separate" -> List.of(Design.SEPARATE);
            case "fused" -> List.of(Design.FUSED);
            default -> throw new TriaxException("unknown --mode '" + mode + "' (expected separate, fused or both)");
        };
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
