package org.triax.artifact;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.triax.io.ReservedName;

/** {@code <yyyyMMdd-HHmmss>_validation_res_XX.XX_test_set_YY.YY.<ext>}, accuracies in percent. */
public final class ModelNaming {
    public static final String EXTENSION = "triax";
    /** How far past the start second a name is looked for (a day of models saved every second). */
    private static final int MAX_SECONDS_AHEAD = 86_400;
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
        LocalDateTime t = time.withNano(0);
        Iterable<String> seconds = () -> Stream.iterate(t, s -> s.plusSeconds(1)).limit(MAX_SECONDS_AHEAD)
                .map(s -> baseName(s, validationAccuracy, testAccuracy)).iterator();
        return ReservedName.first(dir, seconds, suffixes);
    }
}
