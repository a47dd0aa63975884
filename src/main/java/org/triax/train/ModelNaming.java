package org.triax.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** {@code <yyyyMMdd-HHmmss>_validation_res_XX.XX_test_set_YY.YY.<ext>}, accuracies in percent. */
public final class ModelNaming {
    public static final String EXTENSION = "triax";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private ModelNaming() {
    }

    public static String baseName(LocalDateTime time, double validationAccuracy, double testAccuracy) {
        return String.format(Locale.ROOT, "%s_validation_res_%.2f_test_set_%.2f", STAMP.format(time),
                100 * validationAccuracy, 100 * testAccuracy);
    }

    /**
     * A base name whose model file (and its {@code .onnx} export) does not exist yet in
     * {@code dir}: when the second is taken (two models saved in one second), the next free second
     * is used, so the pattern holds and nothing is overwritten.
     */
    public static String freeBaseName(Path dir, LocalDateTime time, double validationAccuracy, double testAccuracy) {
        LocalDateTime t = time.withNano(0);
        while (Files.exists(dir.resolve(baseName(t, validationAccuracy, testAccuracy) + "." + EXTENSION))
                || Files.exists(dir.resolve(baseName(t, validationAccuracy, testAccuracy) + ".onnx"))) {
            t = t.plusSeconds(1);
        }
        return baseName(t, validationAccuracy, testAccuracy);
    }
}
