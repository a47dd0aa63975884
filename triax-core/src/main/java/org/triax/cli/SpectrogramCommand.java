package org.triax.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.triax.TriaxException;
import org.triax.artifact.ModelArtifact;
import org.triax.dataset.DatasetProperties;
import org.triax.report.FrameBinning;
import org.triax.report.SpectrogramPlot;
import org.triax.signal.Preprocessing;
import org.triax.signal.ReadNotes;
import org.triax.signal.ReadOptions;
import org.triax.signal.Recording;
import org.triax.signal.RecordingReaders;
import org.triax.signal.Resampler;
import org.triax.signal.Stft;
import org.triax.signal.StftConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code triax spectrogram}: PNG images of one recording's spectrograms. */
@Command(name = "spectrogram", mixinStandardHelpOptions = true,
        description = "Draw each channel's spectrogram of a recording, and the fused RGB image of its first three channels.")
final class SpectrogramCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RECORDING")
    Path recording;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder for the PNG files")
    Path out;

    @Option(names = "--model", paramLabel = "FILE", description = "use this model's channels, sampling rate and STFT settings")
    Path model;

    @Option(names = "--max-frames", description = "average adjacent frames so at most this many columns are drawn (default ${DEFAULT-VALUE})")
    int maxFrames = 1200;

    @Mixin
    DataOptionsMixin options;

    @Override
    public Integer call() {
        StftConfig stft = options.stft();
        List<String> channels = DatasetProperties.parseList(options.channels);
        double fs = options.fs == null ? Double.NaN : DataOptionsMixin.checkFs(options.fs);
        double resample = options.resample();
        Preprocessing pre = null;
        if (model != null) {
            pre = ModelArtifact.load(model).metadata().preprocessing().withResample(resample);
            stft = pre.stft();
            channels = pre.channels();
            if (!pre.transform().isDefault()) {
                System.err.println("triax: note: the model's input is " + pre.describeTransform()
                        + "; these images are the plain spectrogram on the linear axis");
            }
        }
        ReadNotes notes = new ReadNotes();
        Recording r = RecordingReaders.read(recording, new ReadOptions(fs, options.variable, channels, notes));
        if (pre != null) {
            r = pre.asOnlyChannel(r, notes);
        }
        if (!channels.isEmpty()) {
            r = r.select(channels);
        }
        if (pre != null) {
            r = pre.conformRate(r); // the model's rate: a file that states none is taken to be at it
        } else if (!Double.isNaN(resample)) {
            r = Resampler.resample(r, resample);
        }
        TriaxCli.printNotes(notes);
        if (r.length() < stft.segment()) {
            throw new TriaxException(recording + ": " + r.length() + " samples is shorter than one STFT segment ("
                    + stft.segment() + " samples)");
        }
        Stft transform = new Stft(stft, r.sampleRate());
        String name = recording.getFileName().toString().replaceFirst("\\.[^.]+(\\.gz)?$", "");
        List<float[][]> images = new ArrayList<>();
        int group = FrameBinning.groupSize(stft.frames(r.length()), maxFrames);
        for (int c = 0; c < r.channelCount(); c++) {
            float[][] db = FrameBinning.average(transform.spectrogramDb(r.samples()[c]), group);
            images.add(db);
            Path png = out.resolve(name + "." + safe(r.channels().get(c)) + ".png");
            SpectrogramPlot.writeChannel(png, db, r.sampleRate(), stft.step() * group, stft.segment(),
                    recording.getFileName() + " - channel " + r.channels().get(c));
            System.out.println(png);
        }
        Path fused = out.resolve(name + ".fused.png");
        SpectrogramPlot.writeFused(fused, images.toArray(new float[0][][]), r.channels(),
                recording.getFileName() + " - fused (R, G, B = first three channels)");
        System.out.println(fused);
        return 0;
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
