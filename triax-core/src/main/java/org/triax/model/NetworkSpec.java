package org.triax.model;

import java.util.List;
import org.triax.TriaxException;

/**
 * Shape and size of a network: input {@code channels x bins x frames}, conv widths per branch
 * (separate) or for the trunk (fused), dense units, dropout.
 */
public record NetworkSpec(Design design, int channels, int bins, int frames, int classes,
                          List<Integer> widths, int dense, float dropout) {

    public static final List<Integer> DEFAULT_WIDTHS = List.of(16, 32, 64);
    public static final int DEFAULT_DENSE = 64;
    public static final float DEFAULT_DROPOUT = 0.3f;

    public NetworkSpec {
        widths = List.copyOf(widths);
        if (widths.isEmpty()) {
            throw new TriaxException("the network needs at least one convolution block");
        }
        int min = 1 << widths.size(); // each block halves both spatial sizes
        if (bins < min || frames < min) {
            throw new TriaxException("spectrogram is " + bins + " bins x " + frames + " frames; " + widths.size()
                    + " pooling blocks need at least " + min + " x " + min
                    + " (use a longer window, a smaller STFT step or a wider frequency range)");
        }
        if (classes < 2) {
            throw new TriaxException("need at least 2 classes, got " + classes);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new TriaxException("dropout must be in [0, 1), got " + dropout);
        }
    }

    public static NetworkSpec of(Design design, int channels, int bins, int frames, int classes) {
        return new NetworkSpec(design, channels, bins, frames, classes, DEFAULT_WIDTHS, DEFAULT_DENSE, DEFAULT_DROPOUT);
    }
}
