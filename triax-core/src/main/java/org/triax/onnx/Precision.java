package org.triax.onnx;

import java.util.Locale;
import org.triax.TriaxException;

/** The arithmetic a model's ONNX graph scores with: float32 (the export, the default) or int8 ({@link Int8Export}). */
public enum Precision {
    FP32, INT8;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Precision parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TriaxException("unknown --precision '" + text + "' (expected fp32 or int8)");
        }
    }

    /** The precision of a model with these metadata properties (int8 when {@link Int8Export} wrote it). */
    public static Precision of(java.util.Map<String, String> properties) {
        return INT8.label().equals(properties.get(Int8Export.PRECISION)) ? INT8 : FP32;
    }
}
