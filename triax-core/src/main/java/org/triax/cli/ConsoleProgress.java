package org.triax.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.triax.artifact.EpochStats;
import org.triax.train.TrainingListener;

/** A progress bar on a terminal (redrawn in place), one line per epoch everywhere, and the notes on the data. */
final class ConsoleProgress implements TrainingListener {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean interactive = System.console() != null;

    ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void batch(int epoch, int epochs, int batch, int batches, double runningLoss) {
        if (!interactive) {
            return;
        }
        int filled = WIDTH * batch / batches;
        out.printf(Locale.ROOT, "\repoch %d/%d [%s%s] %d/%d loss %.4f", epoch, epochs, "=".repeat(filled),
                " ".repeat(WIDTH - filled), batch, batches, runningLoss);
        out.flush();
    }

    @Override
    public void note(String line) {
        out.println(TriaxCli.noteLine(line));
    }

    @Override
    public void epoch(EpochStats s, int epochs, boolean best) {
        out.printf(Locale.ROOT, "%sepoch %d/%d  train loss %.4f acc %6.2f %%  val loss %.4f acc %6.2f %%  %.1f s%s%n",
                interactive ? "\r" : "", s.epoch(), epochs, s.trainLoss(), 100 * s.trainAccuracy(), s.validationLoss(),
                100 * s.validationAccuracy(), s.seconds(), best ? "  *best" : "");
    }
}
