package org.triax.predict;

import ai.onnx.proto.OnnxMl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.triax.TriaxException;
import org.triax.artifact.ModelArtifact;
import org.triax.artifact.ModelMetadata;
import org.triax.dataset.DatasetIndex;
import org.triax.dataset.Fingerprint;
import org.triax.dataset.SpectrogramSet;
import org.triax.dataset.SplitPlan;
import org.triax.dataset.Subset;
import org.triax.io.AtomicFiles;
import org.triax.model.TriaxNetwork;
import org.triax.onnx.Int8Export;
import org.triax.onnx.OnnxExport;
import org.triax.onnx.OnnxNetwork;
import org.triax.signal.ReadOptions;
import org.triax.signal.SpectrogramExtractor;

/**
 * {@code triax export --precision int8}: the {@link Int8Export} of a {@code .triax} classifier,
 * calibrated on its own training windows. They are read again from the training folder (the one
 * the model names, or another copy with the same fingerprint), from the training blocks its split
 * saved; {@value #WINDOWS} of them (all when fewer) drawn with the fixed seed {@value #SEED}, so
 * the same model and data always give the same int8 model, byte for byte.
 */
public final class Int8Calibration {
    public static final int WINDOWS = 512;
    public static final long SEED = 42;

    /** @param windows calibration windows used, of {@code trainWindows} in the training blocks */
    public record Result(OnnxMl.ModelProto model, Path data, int windows, int trainWindows) {
    }

    private Int8Calibration() {
    }

    /** Writes the int8 model of {@code modelFile} to {@code out} (which must not exist), atomically. */
    public static Result exportFile(Path modelFile, Path dataDir, Path out, Int8Export.Form form) {
        AtomicFiles.refuseExisting(out);
        Result r = export(modelFile, dataDir, form);
        OnnxExport.write(r.model(), out);
        return r;
    }

    /**
     * @param dataDir the training folder (null: the one saved in the model)
     */
    public static Result export(Path modelFile, Path dataDir, Int8Export.Form form) {
        ModelArtifact artifact = ModelArtifact.load(modelFile);
        ModelMetadata meta = artifact.metadata();
        Path data = dataDir != null ? dataDir : meta.dataset().path() == null ? null : Path.of(meta.dataset().path());
        if (data == null || !Files.isDirectory(data)) {
            throw new TriaxException(modelFile + ": int8 calibration reads the model's training windows, but its data "
                    + "folder " + data + " is not there: give --data with a copy of it");
        }
        DatasetIndex index = DatasetIndex.scan(data, 1);
        if (!Fingerprint.of(index).equals(meta.dataset().fingerprint())) {
            throw new TriaxException(data + " is not the data " + modelFile + " was trained on (fingerprint "
                    + Fingerprint.of(index) + ", the model's " + meta.dataset().fingerprint()
                    + "): int8 calibration needs its training recordings; give --data with that folder");
        }
        OnnxMl.ModelProto fp32;
        try (TriaxNetwork net = artifact.openNetwork()) {
            fp32 = OnnxExport.export(net, meta, OnnxExport.sha256(artifact.weights()));
        }
        OnnxNetwork onnx = OnnxNetwork.fromBytes(fp32.toByteArray(), modelFile + " (exported to ONNX in memory)");
        try (RecordingScorer scorer = new RecordingScorer(new ScoringModel(meta, onnx, onnx.source()), List.of(),
                new ReadOptions(Double.NaN, null), Double.NaN)) {
            SavedBlocks train = SavedBlocks.read(meta, scorer, index, Subset.TRAIN,
                    Evaluation.classMap(index, meta.classes(), false));
            SpectrogramExtractor extractor = scorer.preprocessing().extractor();
            List<SplitPlan.Block> all = new ArrayList<>();
            for (SplitPlan.Block b : train.blocks()) {
                int length = scorer.preprocessing().window().length();
                for (int start : extractor.windowStarts(b.from(), b.to())) {
                    all.add(new SplitPlan.Block(b.recording(), b.label(), Subset.TRAIN, start, start + length));
                }
            }
            if (all.isEmpty()) {
                throw new TriaxException(modelFile + ": the model saved no training window to calibrate int8 on");
            }
            List<SplitPlan.Block> picked = new ArrayList<>(all);
            Collections.shuffle(picked, new Random(SEED));
            picked = new ArrayList<>(picked.subList(0, Math.min(WINDOWS, picked.size())));
            picked.sort(Comparator.comparingInt(SplitPlan.Block::recording).thenComparingInt(SplitPlan.Block::from));
            SpectrogramSet set = SpectrogramSet.extract(picked, train.recordings(), extractor);
            meta.normalization().apply(set.data(), set.size(), set.tensorSize());
            String what = set.size() + " of the " + all.size() + " training windows of " + data.toAbsolutePath().normalize()
                    + " (seed " + SEED + ")";
            return new Result(Int8Export.quantize(fp32, set.data(), set.size(), form, what), data, set.size(), all.size());
        }
    }
}
