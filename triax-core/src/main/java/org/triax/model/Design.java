package org.triax.model;

import java.util.Locale;
import org.triax.TriaxException;

/** The two network designs, built from the same blocks. */
public enum Design {
    /** One convolutional branch per channel (each sees only its own spectrogram), merged before the head. */
    SEPARATE,
    /** One trunk on the C-channel image ("RGB" for X/Y/Z): channels mixed from the first layer. */
    FUSED;

    public static Design parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TriaxException("unknown design '" + text + "' (expected separate or fused)");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
