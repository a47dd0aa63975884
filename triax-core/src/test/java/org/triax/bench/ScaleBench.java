package org.triax.bench;

import java.nio.file.Path;
import java.util.List;
import org.triax.predict.InferenceEngine;
import org.triax.predict.RecordingScorer;
import org.triax.predict.Verdict;
import org.triax.signal.ReadOptions;

/**
 * One long recording scored by the whole-file path (read whole, then scored) or streamed (read and
 * scored chunk by chunk, what {@code triax predict} does for files of 16 MiB or more), for
 * bench/scale.sh, which measures each run's peak RSS with /usr/bin/time.
 */
final class ScaleBench {
    private ScaleBench() {
    }

    /** args: model file, recording, whole|stream. */
    static void run(String[] args) {
        Path model = Path.of(args[0]);
        Path file = Path.of(args[1]);
        boolean stream = args[2].equals("stream");
        long t0 = System.nanoTime();
        try (RecordingScorer s = new RecordingScorer(model, InferenceEngine.ONNX, List.of(),
                new ReadOptions(Double.NaN, null), Double.NaN).streamFilesFrom(stream ? 0 : Long.MAX_VALUE)) {
            long t1 = System.nanoTime();
            Verdict v = s.score(file);
            double seconds = (System.nanoTime() - t1) / 1e9;
            System.out.println(BenchMain.json("bench", "scale-long", "mode", args[2], "windows", v.windows(),
                    "verdict", v.predicted(), "probability", v.probability(), "seconds", seconds,
                    "open_seconds", (t1 - t0) / 1e9, "peak_rss_mb", BenchMain.peakRssKb() / 1024.0));
        }
    }
}
