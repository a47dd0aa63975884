package org.triax.artifact;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.triax.io.ReservedName;

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
