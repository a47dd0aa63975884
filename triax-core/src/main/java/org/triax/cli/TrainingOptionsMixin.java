package org.triax.cli;

import java.util.List;
import java.util.Locale;
import org.triax.TriaxException;
import org.triax.artifact.TrainConfig;
import org.triax.dataset.Augmentation;
import org.triax.model.Design;
import picocli.CommandLine.Option;

/** Which designs to train and how; shared by train and cv. */
final class TrainingOptionsMixin {
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

    @Option(names = "--augment", paramLabel = "KINDS", description = "perturb the training windows, redrawn every "
            + "epoch (never validation, test or predict): any of gain (+-6 dB), shift (start +-1 hop), noise (SNR 20-40 "
            + "dB), stretch (frequencies +-5 %%), comma-separated (default none)")
    String augment;

    @Option(names = "--seed", description = "seed of the split, initial weights and shuffles (default ${DEFAULT-VALUE})")
    long seed = TrainConfig.DEFAULT.seed();

    TrainConfig config() {
        return new TrainConfig(epochs, batch, learningRate, seed, classWeights, Augmentation.parse(augment));
    }

    List<Design> designs() {
        return switch (mode.trim().toLowerCase(Locale.ROOT)) {
            case "both" -> List.of(Design.SEPARATE, Design.FUSED);
            case "separate" -> List.of(Design.SEPARATE);
            case "fused" -> List.of(Design.FUSED);
            default -> throw new TriaxException("unknown --mode '" + mode + "' (expected separate, fused or both)");
        };
    }
}
