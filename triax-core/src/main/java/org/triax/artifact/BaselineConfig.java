package org.triax.artifact;

import java.util.List;
import org.triax.TriaxException;

/**
 * The settings of one {@code triax baseline} run (saved with the anomaly model).
 *
 * @param falseAlarm target share of normal windows above the alarm threshold
 * @param persist consecutive snapshots above the threshold before {@code monitor} raises an alarm
 * @param bands frequency bands of the condition indicators per channel
 * @param detectors detector names, the first one drives the alarm
 * @param epochs autoencoder training epochs (the best validation epoch is kept)
 * @param batchSize autoencoder mini-batch
 * @param learningRate autoencoder Adam learning rate
 */
public record BaselineConfig(double falseAlarm, long seed, int persist, int bands, List<String> detectors, int epochs,
                             int batchSize, float learningRate) {

    public static final double DEFAULT_FALSE_ALARM = 0.01;
    public static final int DEFAULT_PERSIST = 3;

    public BaselineConfig {
        detectors = List.copyOf(detectors);
        AlarmThreshold.checkRate(falseAlarm);
        if (persist < 1) {
            throw new TriaxException("--persist must be at least 1 snapshot, got " + persist);
        }
        if (detectors.isEmpty()) {
            throw new TriaxException("no detector chosen");
        }
        if (epochs < 1 || batchSize < 1 || !(learningRate > 0)) {
            throw new TriaxException("autoencoder training needs epochs >= 1, batch >= 1 and a learning rate > 0, got "
                    + epochs + ", " + batchSize + ", " + learningRate);
        }
    }
}
