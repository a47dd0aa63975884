package org.triax.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.triax.TriaxException;
import org.triax.predict.InferenceEngine;
import org.triax.predict.RecordingScorer;
import org.triax.predict.Verdict;
import org.triax.predict.VerdictFormat;
import org.triax.signal.ReadNotes;
import org.triax.signal.RecordingReaders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code triax predict}: a verdict per recording from a model file alone. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Score recordings (files or folders) with a trained model. A recording that cannot be scored is "
                + "reported (in the output and on stderr) and the others are still scored; the exit status is then 3.")
final class PredictCommand implements Callable<Integer> {

    @Mixin
    ScoringOptions scoring;

    @Parameters(arity = "1..*", paramLabel = "RECORDING", description = "recording files, or folders searched for them")
    List<Path> recordings;

    @Option(names = "--format", description = "table, csv or json (default ${DEFAULT-VALUE})")
    String format = "table";

    @Option(names = "--no-unknown-state", description = "always report the network's class; by default a recording "
            + "unlike every training class is reported as unknown, with the reason (models that carry the check)")
    boolean noUnknownState;

    @Override
    public Integer call() {
        VerdictFormat fmt = VerdictFormat.parse(format);
        InferenceEngine eng = scoring.engine();
        List<Path> files = expand(recordings);
        List<Verdict> verdicts = new ArrayList<>();
        int failed = 0;
        ReadNotes notes = new ReadNotes();
        try (RecordingScorer scorer = new RecordingScorer(scoring.model, eng, scoring.sourceChannels(),
                scoring.read(notes), scoring.resample())) {
            if (noUnknownState) {
                scorer.withoutUnknownState();
            }
            for (Path f : files) {
                try {
                    verdicts.add(scorer.score(f));
                } catch (TriaxException bad) {
                    // one bad file does not stop a batch: it is reported in the output and on stderr
                    failed++;
                    String message = bad.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
                    verdicts.add(Verdict.failed(f.toString(), scorer.metadata().classes(), message));
                    System.err.println("triax: error: " + message);
                }
            }
        }
        TriaxCli.printNotes(notes);
        System.out.print(fmt.format(verdicts));
        if (failed > 0) {
            System.err.printf("triax: %d of %d recordings could not be scored%n", failed, files.size());
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
