package org.triax.studio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.triax.TriaxException;
import org.triax.report.FrameBinning;
import org.triax.report.SpectrogramPlot;
import org.triax.signal.Recording;
import org.triax.signal.Stft;
import org.triax.signal.StftConfig;

/**
 * PNG images of a recording's spectrograms, drawn by {@code report/SpectrogramPlot} exactly as
 * {@code triax spectrogram} draws them: one per channel, or the fused RGB image of the first three.
 */
final class SpectrogramImages {
    /** The name of the fused image among the channel names. */
    static final String FUSED = "fused";
    private static final int MAX_FRAMES = 1200;
    private final Path scratch;

    SpectrogramImages(Path scratch) {
        this.scratch = scratch;
    }

    /** The image of {@code channel} (a channel name, or {@link #FUSED}) of {@code r}. */
    byte[] png(Recording r, StftConfig stft, String channel, String title) {
        if (r.length() < stft.segment()) {
            throw new TriaxException(title + ": " + r.length() + " samples is shorter than one STFT segment ("
                    + stft.segment() + " samples)");
        }
        Stft transform = new Stft(stft, r.sampleRate());
        int group = FrameBinning.groupSize(stft.frames(r.length()), MAX_FRAMES);
        Path png = null;
        try {
            Path dir = Files.createDirectories(scratch);
            png = dir.resolve("spectrogram-" + Thread.currentThread().getId() + "-" + System.nanoTime() + ".png");
            if (channel.equals(FUSED)) {
                List<float[][]> images = new ArrayList<>();
                for (double[] samples : r.samples()) {
                    images.add(FrameBinning.average(transform.spectrogramDb(samples), group));
                }
                SpectrogramPlot.writeFused(png, images.toArray(new float[0][][]), r.channels(),
                        title + " - fused (R, G, B = first three channels)");
            } else {
                int c = r.channels().indexOf(channel);
                if (c < 0) {
                    throw HttpError.notFound("no channel '" + channel + "' (channels: " + String.join(", ", r.channels())
                            + ", " + FUSED + ")");
                }
                float[][] db = FrameBinning.average(transform.spectrogramDb(r.samples()[c]), group);
                SpectrogramPlot.writeChannel(png, db, r.sampleRate(), stft.step() * group, stft.segment(),
                        title + " - channel " + channel);
            }
            return Files.readAllBytes(png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
            throw new TriaxException(title + ": cannot draw its spectrogram (" + e.getMessage() + ")", e);
        } finally {
            if (png != null) {
                try {
                    Files.deleteIfExists(png);
                } catch (IOException ignored) {
                    // a scratch file: removed with the scratch folder at shutdown
                }
            }
        }
    }
}
