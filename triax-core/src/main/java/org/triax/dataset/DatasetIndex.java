package org.triax.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.triax.TriaxException;
import org.triax.signal.RecordingReaders;

/**
 * A dataset folder: one sub-folder per class, recordings inside (sub-folders allowed). Files that
 * are not recordings (README, PROVENANCE, properties) are ignored; hidden folders too.
 */
public record DatasetIndex(Path root, List<String> classes, List<LabelledFile> files) {

    public DatasetIndex {
        classes = List.copyOf(classes);
        files = List.copyOf(files);
    }

    /** A training folder: at least two classes. */
    public static DatasetIndex scan(Path root) {
        return scan(root, 2);
    }

    /**
     * @param minClasses 2 to train; 1 to evaluate (new recordings of one known class are a
     *     reasonable test of a model)
     */
    public static DatasetIndex scan(Path root, int minClasses) {
        if (!Files.exists(root)) {
            throw new TriaxException("data folder " + root + " does not exist");
        }
        if (!Files.isDirectory(root)) {
            throw new TriaxException("data folder " + root + " is not a folder (expected one sub-folder per class)");
        }
        List<Path> classDirs;
        try (Stream<Path> s = Files.list(root)) {
            classDirs = s.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new TriaxException("cannot list data folder " + root + ": " + e.getMessage(), e);
        }
        if (classDirs.isEmpty()) {
            throw new TriaxException("data folder " + root + " has no class folders (expected one sub-folder per class)");
        }
        List<String> classes = new ArrayList<>();
        List<LabelledFile> files = new ArrayList<>();
        for (Path dir : classDirs) {
            List<Path> recordings = recordingsIn(dir);
            if (recordings.isEmpty()) {
                throw new TriaxException("class folder " + dir + " has no recordings (supported: "
                        + String.join(", ", RecordingReaders.supportedExtensions()) + ")");
            }
            int label = classes.size();
            classes.add(dir.getFileName().toString());
            for (Path p : recordings) {
                files.add(new LabelledFile(p, root.relativize(p).toString().replace('\\', '/'), label));
            }
        }
        if (classes.size() < minClasses) {
            throw new TriaxException("data folder " + root + " has only one class folder (" + classes.get(0)
                    + "): a classifier needs at least two");
        }
        return new DatasetIndex(root, classes, files);
    }

    private static List<Path> recordingsIn(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> root(dir, p))
                    .filter(RecordingReaders::isRecording)
                    .sorted().toList();
        } catch (IOException e) {
            throw new TriaxException("cannot list class folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Skips files inside hidden sub-folders and hidden files. */
    private static boolean root(Path dir, Path p) {
        for (Path part : dir.relativize(p)) {
            if (part.toString().startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    /** Recordings per class, in class order. */
    public int[] countsPerClass() {
        int[] n = new int[classes.size()];
        for (LabelledFile f : files) {
            n[f.label()]++;
        }
        return n;
    }
}
