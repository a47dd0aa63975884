package org.triax.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.triax.dataset.DataOptions;
import org.triax.train.CrossValidation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code triax cv}: leave-one-group-out cross-validation, mean and spread over folds. */
@Command(name = "cv", mixinStandardHelpOptions = true,
        description = "Leave-one-group-out cross-validation: each group (machine, bearing, run, load; --group-by or "
                + "--groups) in turn is the test set. Prints every fold and the mean +- standard deviation per design; "
                + "writes OUT/cv_<time>.json. No model files are kept.")
final class CvCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "dataset folder (one sub-folder per class)")
    Path data;

    @Mixin
    TrainingOptionsMixin training;

    @Option(names = "--out", paramLabel = "DIR", description = "where the report goes (default ${DEFAULT-VALUE})")
    Path out = Path.of("models");

    @Mixin
    DataOptionsMixin dataOptions;

    @Mixin
    InputOptionsMixin inputOptions;

    @Override
    public Integer call() {
        DataOptions options = dataOptions.toOptions(data, training.seed).withTransform(inputOptions.transform());
        CrossValidation.Report report = CrossValidation.run(options, training.designs(), training.config(),
                new ConsoleProgress(System.err), System.out);
        System.out.println();
        System.out.printf(Locale.ROOT, "%-9s %6s %24s %24s%n", "design", "folds", "window accuracy", "recording accuracy");
        for (CrossValidation.Summary s : report.summaries()) {
            System.out.printf(Locale.ROOT, "%-9s %6d %14.2f +- %5.2f %% %14.2f +- %5.2f %%%n", s.design().label(),
                    s.folds(), 100 * s.meanWindowAccuracy(), 100 * s.sdWindowAccuracy(),
                    100 * s.meanRecordingAccuracy(), 100 * s.sdRecordingAccuracy());
        }
        System.out.println("report: " + CrossValidation.write(report, out));
        return 0;
    }
}
