package org.triax.model;

import java.util.List;
import org.triax.TriaxException;

/**
 * Shape of the convolutional autoencoder: input {@code channels x bins x frames} (the normalised
 * spectrogram of one window, as the classifiers take it), of which it reconstructs the top-left
 * {@link #croppedBins()} x {@link #croppedFrames()} (a multiple of 2 per pooling block, so that the
 * decoder's upsampling lands on the input's size: at most the last bins and frames are left out),
 * encoder widths per block and the channels of the code.
 */
public record AutoencoderSpec(int channels, int bins, int frames, List<Integer> widths, int code) {

    /** Small on purpose: 8x fewer numbers in the code than in the input, and cheap enough to score every snapshot. */
    public static final List<Integer> DEFAULT_WIDTHS = List.of(8, 16);
    public static final int DEFAULT_CODE = 4;

    public AutoencoderSpec {
        widths = List.copyOf(widths);
        int scale = 1 << widths.size();
        if (widths.isEmpty() || code < 1 || channels < 1) {
            throw new TriaxException("autoencoder needs at least one block, a code and an input channel");
        }
        if (bins < scale || frames < scale) {
            throw new TriaxException("spectrogram is " + bins + " bins x " + frames + " frames; the autoencoder's "
                    + widths.size() + " pooling blocks need at least " + scale + " x " + scale
                    + " (use a longer window or a smaller STFT step)");
        }
    }

    public static AutoencoderSpec of(int channels, int bins, int frames) {
        return new AutoencoderSpec(channels, bins, frames, DEFAULT_WIDTHS, DEFAULT_CODE);
    }

    public int croppedBins() {
        return bins - bins % (1 << widths.size());
    }

    public int croppedFrames() {
        return frames - frames % (1 << widths.size());
    }

    public int inputSize() {
        return channels * bins * frames;
    }
}
