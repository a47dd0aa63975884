package org.triax.predict;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.triax.TriaxException;

/**
 * Where a batch's verdicts go as they are scored, in input order: text on a stream or into a file
 * ({@link TextVerdictSink}), or Parquet parts ({@link ParquetVerdictSink}). Nothing half-written
 * carries the final name: a file appears when the batch is {@link #finish}ed, and what an
 * interrupted batch wrote stays for {@code --resume}, which skips the recordings in it.
 */
public interface VerdictSink extends AutoCloseable {

    /** Recordings ({@link Verdict#recording}) already in the output from an interrupted run: empty unless resumed. */
    Set<String> scored();

    void write(Verdict v);

    /** The batch is complete: the output takes its final name. */
    void finish();

    /** Releases the output; unless finished, what was written stays, for {@code --resume}. */
    @Override
    void close();

    /**
     * @param output the file (text formats) or folder (Parquet) to write; null: text on {@code stdout}
     * @param classes the model's classes (the CSV and Parquet columns)
     * @param resume continue the interrupted run that wrote to {@code output}
     * @param origin who writes the rows (the model's hash, the options that change them): a resume
     *     by another is refused
     */
    static VerdictSink open(VerdictFormat format, Path output, PrintStream stdout, List<String> classes, boolean resume,
                            String origin) {
        if (output == null && (resume || format == VerdictFormat.PARQUET)) {
            throw new TriaxException((resume ? "--resume" : "--format parquet") + " needs --output "
                    + (format == VerdictFormat.PARQUET ? "DIR" : "FILE"));
        }
        if (resume && !(format == VerdictFormat.CSV || format == VerdictFormat.JSONL || format == VerdictFormat.PARQUET)) {
            throw new TriaxException("--resume continues a csv, jsonl or parquet output, not " + format.name().toLowerCase(
                    java.util.Locale.ROOT) + " (give --format csv, jsonl or parquet)");
        }
        return format == VerdictFormat.PARQUET ? ParquetVerdictSink.open(output, classes, resume, origin)
                : TextVerdictSink.open(format, output, stdout, classes, resume, origin);
    }
}
