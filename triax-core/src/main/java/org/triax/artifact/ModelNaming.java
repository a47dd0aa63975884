package org.triax.artifact;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.triax.io.ReservedName;

/**
 * Classifiers: {@code <yyyyMMdd-HHmmss>_validation_res_XX.XX_test_set_YY.YY.<ext>}, accuracies in
 * percent. Anomaly models: {@code <yyyyMMdd-HHmmss>_anomaly_false_alarm_XX.XX_test_YY.YY.<ext>}, the
 * target false-alarm rate and the one measured on held-out normal test windows, in percent.
 */
public final class ModelNaming {
    public static final String EXTENSION = "triax";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private ModelNaming() {
    }

    public static String baseName(LocalDateTime time, double validationAccuracy, double testAccuracy) {
        return String.format(Locale.ROOT, "%s_validation_res_%.2f_test_set_%.2f", STAMP.format(time),
                100 * validationAccuracy, 100 * testAccuracy);
    }

    public static String anomalyBaseName(LocalDateTime time, double falseAlarm, double testFalseAlarm) {
        return String.format(Locale.ROOT, "%s_anomaly_false_alarm_%.2f_test_%.2f", STAMP.format(time), 100 * falseAlarm,
                100 * testFalseAlarm);
    }

    /** {@link #reserve} for an anomaly model's files. */
    public static ReservedName reserveAnomaly(Path dir, LocalDateTime time, double falseAlarm, double testFalseAlarm,
                                              List<String> suffixes) {
        return ReservedName.bySecond(dir, time, t -> anomalyBaseName(t, falseAlarm, testFalseAlarm), suffixes);
    }

    /** A run's output name: {@code <yyyyMMdd-HHmmss>_<what>}, e.g. {@code 20250101-120000_monitor_Bearing1_1}. */
    public static ReservedName reserveRun(Path dir, LocalDateTime time, String what, List<String> suffixes) {
        String safe = what.replaceAll("[^A-Za-z0-9_.-]", "_");
        return ReservedName.bySecond(dir, time, t -> STAMP.format(t) + "_" + safe, suffixes);
    }

    /**
     * Reserves a base name in {@code dir} none of whose files ({@code suffixes}, e.g. ".triax",
     * ".onnx") exists: when the second is taken (two models saved in one second, by this run or a
     * concurrent one), the next second is used, so the pattern holds and nothing is overwritten.
     * The caller writes its files, then closes the reservation.
     */
    public static ReservedName reserve(Path dir, LocalDateTime time, double validationAccuracy, double testAccuracy,
                                       List<String> suffixes) {
        return ReservedName.bySecond(dir, time, t -> baseName(t, validationAccuracy, testAccuracy), suffixes);
    }
}
