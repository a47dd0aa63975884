package org.triax.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.triax.TriaxException;
import org.triax.onnx.Precision;
import org.triax.predict.BatchScorer;
import org.triax.predict.InferenceEngine;
import org.triax.predict.RecordingScorer;
import org.triax.predict.ScoringModel;
import org.triax.predict.VerdictFormat;
import org.triax.predict.VerdictSink;
import org.triax.signal.ReadNotes;
import org.triax.signal.RecordingReaders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code triax predict}: a verdict per recording from a model file alone. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Score recordings (files or folders) with a trained model, on every core, writing each verdict as it "
                + "is ready, in input order. A recording that cannot be scored is reported (in the output and on stderr) "
                + "and the others are still scored; the exit status is then 3.")
final class PredictCommand implements Callable<Integer> {

    @Mixin
    ScoringOptions scoring;

    @Parameters(arity = "1..*", paramLabel = "RECORDING", description = "recording files, or folders searched for them")
    List<Path> recordings;

    @Option(names = "--format", description = "table, csv, json, jsonl (one JSON object per line) or parquet "
            + "(a folder of part files; needs --output) (default ${DEFAULT-VALUE})")
    String format = "table";

    @Option(names = "--output", paramLabel = "FILE", description = "write the verdicts to FILE (a folder for parquet), "
            + "published when the batch completes (default: stdout)")
    Path output;

    @Option(names = "--threads", paramLabel = "N", description = "recordings scored at once (default: the available "
            + "processors, ${DEFAULT-VALUE})")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--resume", description = "continue the interrupted batch that wrote to --output: recordings already "
            + "in it are skipped, new rows appended (csv, jsonl, parquet)")
    boolean resume;

    @Option(names = "--no-unknown-state", description = "always report the network's class; by default a recording "
            + "unlike every training class is reported as unknown, with the reason (models that carry the check)")
    boolean noUnknownState;

    @Override
    public Integer call() {
        VerdictFormat fmt = VerdictFormat.parse(format);
        InferenceEngine eng = scoring.engine();
        Precision precision = scoring.precision();
        List<Path> files = expand(recordings);
        ReadNotes notes = new ReadNotes();
        BatchScorer.Summary done;
        int onnxThreads = ScoringModel.threadsPerSession(threads);
        try (BatchScorer batch = new BatchScorer(() -> {
                    RecordingScorer s = new RecordingScorer(ScoringModel.open(scoring.model, eng, onnxThreads, precision),
                            scoring.sourceChannels(), scoring.read(notes), scoring.resample());
                    return noUnknownState ? s.withoutUnknownState() : s;
                }, threads);
                VerdictSink sink = VerdictSink.open(fmt, output, System.out, batch.classes(), resume,
                        batch.origin())) {
            done = batch.score(files, sink.scored(), sink, v -> System.err.println("triax: error: " + v.error()));
            sink.finish();
        }
        TriaxCli.printNotes(notes);
        if (done.skipped() > 0) {
            System.err.printf("triax: %d recordings already in %s, skipped%n", done.skipped(), output);
        }
        if (done.failed() > 0) {
            System.err.printf("triax: %d of %d recordings could not be scored%n", done.failed(),
                    done.scored() + done.failed());
            return TriaxCli.PARTIAL;
        }
        return 0;
    }

    static List<Path> expand(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    List<Path> found = s.filter(Files::isRegularFile).filter(RecordingReaders::isRecording).sorted().toList();
                    if (found.isEmpty()) {
                        throw new TriaxException("folder " + p + " holds no recordings");
                    }
                    files.addAll(found);
                } catch (IOException e) {
                    throw new TriaxException("cannot list " + p + ": " + e.getMessage(), e);
                }
            } else {
                files.add(p);
            }
        }
        return files;
    }
}
