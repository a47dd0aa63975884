package org.triax.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.model.Design;
import org.triax.model.TriaxNetwork;
import org.triax.onnx.TestModels;
import org.triax.signal.ReadOptions;
import org.triax.testing.TinyData;
import org.triax.testing.TinyData.Layout;

/**
 * A batch holds a bounded number of files whatever its size: while the writer is held up, the
 * scoring threads start no more than {@link BatchScorer#maxInFlight} files; then every file is
 * written once, in input order.
 */
class BatchScorerTest {
    static final int FILES = 40;

    @Test
    void aHeldUpWriterStopsTheBatchAtTwoFilesPerThread(@TempDir Path dir) throws Exception {
        Path model;
        try (TriaxNetwork net = TestModels.network(Design.FUSED, 2)) {
            model = TestModels.saveTriax(net, dir, "m");
        }
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < FILES; i++) {
            files.add(TinyData.recording(dir.resolve(String.format("r%02d.csv", i)), i % 3, 3, 300,
                    Layout.HEADER_WITH_TIME, i));
        }
        CountDownLatch release = new CountDownLatch(1);
        List<String> written = new ArrayList<>();
        VerdictSink held = new VerdictSink() {
            @Override
            public Set<String> scored() {
                return Set.of();
            }

            @Override
            public void write(Verdict v) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                written.add(v.recording());
            }

            @Override
            public void finish() {
            }

            @Override
            public void close() {
            }
        };
        try (BatchScorer scorer = new BatchScorer(() -> new RecordingScorer(model, InferenceEngine.ONNX, List.of(),
                new ReadOptions(Double.NaN, null), Double.NaN), 2)) {
            Thread batch = new Thread(() -> scorer.score(files, Set.of(), held, v -> { }));
            batch.start();
            // the two threads score the first files in milliseconds; an unbounded batch would go on to all 40
            while (scorer.started() < scorer.maxInFlight()) {
                Thread.sleep(5);
            }
            Thread.sleep(300);
            assertEquals(scorer.maxInFlight(), scorer.started(), "files started while the writer waits");
            release.countDown();
            batch.join();
            assertEquals(FILES, scorer.started());
        }
        assertEquals(files.stream().map(Path::toString).toList(), written, "every file once, in input order");
    }
}
