package org.triax.health;

import java.util.List;
import org.triax.TriaxException;

/** The detector kinds triax knows, by name. */
public final class Detectors {
    private static final List<DetectorKind> KINDS = List.of(new IndicatorDetector(), new AutoencoderDetector());

    private Detectors() {
    }

    public static List<String> names() {
        return KINDS.stream().map(DetectorKind::name).toList();
    }

    public static DetectorKind byName(String name) {
        return KINDS.stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow(() -> new TriaxException(
                "unknown detector '" + name + "' (known: " + String.join(", ", names()) + ")"));
    }
}
