package org.triax.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.triax.TriaxException;
import org.triax.signal.RecordingReaders;

/** Recordings named by URI ({@code file:/data/a.csv}, {@code hdfs://nn/plant/m1/0001.wav}). */
final class RecordingUris {
    private RecordingUris() {
    }

    /** The last path segment: the file name, whose ending names the format. */
    static String name(String uri) {
        String path = uri.replaceAll("/+$", "");
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** True for a supported recording format (README, PROVENANCE and the like are skipped). */
    static boolean isRecording(String uri) {
        String name = name(uri);
        return !name.isEmpty() && !name.startsWith(".") && RecordingReaders.isRecording(java.nio.file.Path.of(name));
    }

    /**
     * The recordings under {@code input} (a file, or a folder searched with its sub-folders), as
     * fully qualified URIs, sorted; listed by the driver so that partitions can be balanced.
     */
    static List<String> list(String input, Configuration conf) {
        Path root = new Path(input);
        List<String> found = new ArrayList<>();
        try {
            FileSystem fs = root.getFileSystem(conf);
            if (!fs.exists(root)) {
                throw new TriaxException(input + ": no such file or folder");
            }
            String base = fs.makeQualified(root).toUri().getPath();
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
            while (it.hasNext()) {
                Path file = it.next().getPath();
                String below = file.toUri().getPath().substring(Math.min(base.length(), file.toUri().getPath().length()));
                // Hadoop's rule: names starting with . or _ are not data (staging folders, _SUCCESS)
                if (isRecording(file.getName()) && !below.contains("/.") && !below.contains("/_")) {
                    found.add(file.toString());
                }
            }
        } catch (IOException e) {
            throw new TriaxException("cannot list " + input + ": " + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            throw new TriaxException(input + " holds no recordings (supported: "
                    + String.join(", ", RecordingReaders.supportedExtensions()) + ")");
        }
        found.sort(null);
        return found;
    }
}
