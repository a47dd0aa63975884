package org.triax.predict;

import java.util.Locale;
import org.triax.TriaxException;

/** What runs the network when scoring: ONNX Runtime on the exported model (default) or DJL. */
public enum InferenceEngine {
    ONNX, DJL;

    public static InferenceEngine parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TriaxException("unknown --engine '" + text + "' (expected onnx or djl)");
        }
    }
}
