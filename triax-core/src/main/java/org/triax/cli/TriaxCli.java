package org.triax.cli;

import java.io.PrintWriter;
import org.triax.TriaxException;
import org.triax.artifact.ModelArtifact;
import org.triax.signal.ReadNotes;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** Entry point: {@code triax train|cv|predict|evaluate|export|baseline|monitor|spectrogram|serve}. */
@Command(name = "triax", mixinStandardHelpOptions = true, versionProvider = TriaxCli.Version.class,
        description = "Vibration recordings -> STFT spectrograms -> CNN fault classifier; normal-only anomaly models "
                + "(baseline) and run monitoring (monitor).",
        subcommands = {TrainCommand.class, CvCommand.class, PredictCommand.class, EvaluateCommand.class, ExportCommand.class,
                BaselineCommand.class, MonitorCommand.class,
                SpectrogramCommand.class, ServeCommand.class, CommandLine.HelpCommand.class})
public final class TriaxCli implements Runnable {

    /** Exit status of errors the user can fix (bad input or parameters). */
    public static final int USER_ERROR = 2;
    /** Exit status of a batch that went through but could not score some recordings (each reported). */
    public static final int PARTIAL = 3;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit status (tests call this). */
    public static int execute(String... args) {
        // no network at run time: DJL must not try to download anything
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        System.setProperty("java.awt.headless", "true");
        CommandLine cl = new CommandLine(new TriaxCli());
        cl.setExecutionExceptionHandler(TriaxCli::handle);
        cl.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            // one line, like every other user error
            err.println("triax: error: " + TriaxException.oneLine(ex.getMessage()) + " (see: triax "
                    + ex.getCommandLine().getCommandName() + " --help)");
            return USER_ERROR;
        });
        return cl.execute(args);
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        Throwable t = e;
        while (!(t instanceof TriaxException) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        if (t instanceof TriaxException) {
            err.println("triax: error: " + TriaxException.oneLine(t.getMessage()));
            return USER_ERROR;
        }
        err.println("triax: internal error: " + e);
        if (System.getenv("TRIAX_DEBUG") != null) {
            e.printStackTrace(err);
        } else {
            err.println("(set TRIAX_DEBUG=1 for the stack trace)");
        }
        return 1;
    }

    /** What the readers left out or assumed, one line each on stderr (once per dataset, not per file). */
    static void printNotes(ReadNotes notes) {
        notes.lines().forEach(TriaxCli::printNote);
    }

    static void printNote(String line) {
        System.err.println(noteLine(line));
    }

    static String noteLine(String note) {
        return "triax: note: " + TriaxException.oneLine(note);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"triax " + ModelArtifact.triaxVersion()};
        }
    }
}
