package org.triax.spark;

import java.io.IOException;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.triax.TriaxException;

/**
 * A job's output folder, published whole: Spark writes its tables into a hidden staging folder
 * beside it ({@code .NAME.tmp-<uuid>}, which Hadoop and Spark readers skip), and one rename makes
 * it visible under its final name, so nothing half-written is ever seen there. An existing output
 * is never written over (AtomicFiles' rule, on any Hadoop file system).
 */
final class JobOutput {
    private final FileSystem fs;
    private final Path target;
    private final Path staging;

    private JobOutput(FileSystem fs, Path target, Path staging) {
        this.fs = fs;
        this.target = target;
        this.staging = staging;
    }

    /** Checks that {@code output} does not exist yet, and names its staging folder. */
    static JobOutput reserve(String output, Configuration conf) {
        Path target = new Path(output);
        try {
            FileSystem fs = target.getFileSystem(conf);
            target = fs.makeQualified(target);
            if (fs.exists(target)) {
                throw new TriaxException(output + " already exists: triax never writes over earlier output; "
                        + "give a new --output");
            }
            Path staging = new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
            return new JobOutput(fs, target, staging);
        } catch (IOException e) {
            throw new TriaxException(output + ": cannot use as output (" + e.getMessage() + ")", e);
        }
    }

    /** Where a table is written before publishing. */
    String staging(String table) {
        return new Path(staging, table).toString();
    }

    /** The table's final place. */
    String published(String table) {
        return new Path(target, table).toString();
    }

    /** Makes the staged tables visible under the output's name. */
    void publish() {
        try {
            // a folder renamed onto an existing one would land inside it: refuse instead
            if (fs.exists(target) || !fs.rename(staging, target)) {
                throw new TriaxException(target + " appeared while the job ran; its results stay in " + staging);
            }
        } catch (IOException e) {
            throw new TriaxException("cannot publish " + staging + " as " + target + " (" + e.getMessage() + ")", e);
        }
    }

    /** Removes what a failed job staged. */
    void abandon() {
        try {
            fs.delete(staging, true);
        } catch (IOException ignored) {
            // a leftover hidden folder is harmless: readers skip it
        }
    }
}
