package org.triax.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.triax.TriaxException;
import org.triax.dataset.DatasetIndex;
import org.triax.dataset.LabelledFile;
import org.triax.signal.RecordingReaders;

/**
 * Which recordings are normal: a folder of normal recordings (flat, or one class folder), one class
 * folder of a labelled dataset ({@code --normal-class}), or the first part of a time-ordered run
 * ({@code --run DIR --normal-first 20%}). The result is an index of those files only, labelled 0,
 * so that the loader, the splitter and the fingerprint see exactly the normal data.
 *
 * @param description the choice in words (saved with the model, used in messages)
 * @param normalClass the name of the normal recordings: their class folder, else "normal"
 * @param files the chosen files relative to the index root, in order
 */
public record NormalSelection(DatasetIndex index, String description, String normalClass, List<String> files) {

    public static final String NORMAL = "normal";

    /**
     * {@code --data DIR [--normal-class NAME]}: the class folder NAME, else the only class folder,
     * else the recordings directly in DIR.
     */
    public static NormalSelection of(Path data, String normalClass) {
        if (!Files.isDirectory(data)) {
            throw new TriaxException("data folder " + data + (Files.exists(data) ? " is not a folder" : " does not exist"));
        }
        if (normalClass == null && !hasClassFolders(data)) {
            List<Path> flat = recordingsDirectlyIn(data);
            if (flat.isEmpty()) {
                throw new TriaxException("data folder " + data + " holds no recordings (supported: "
                        + String.join(", ", RecordingReaders.supportedExtensions()) + ")");
            }
            String name = data.toAbsolutePath().normalize().getFileName().toString();
            return subset(data, name, flat, flat.size() + " normal recordings in " + data);
        }
        DatasetIndex all = DatasetIndex.scan(data, 1);
        String chosen = normalClass;
        if (chosen == null) {
            if (all.classes().size() > 1) {
                throw new TriaxException("data folder " + data + " has class folders " + String.join(", ", all.classes())
                        + ": say which one holds the normal recordings with --normal-class NAME");
            }
            chosen = all.classes().get(0);
        }
        int label = all.classes().indexOf(chosen);
        if (label < 0) {
            throw new TriaxException("data folder " + data + " has no class folder '" + chosen + "' (classes: "
                    + String.join(", ", all.classes()) + ")");
        }
        List<Path> files = all.files().stream().filter(f -> f.label() == label).map(LabelledFile::path).toList();
        return subset(data, chosen, files, "class '" + chosen + "' of " + data + " (" + files.size() + (files.size() == 1 ? " recording)" : " recordings)"));
    }

    /** {@code --run DIR --normal-first SHARE}: the first {@code share} of the run's snapshots in time order. */
    public static NormalSelection runStart(Path run, double share) {
        if (!(share > 0 && share <= 1)) {
            throw new TriaxException("--normal-first must be a share of the run above 0 and at most 100 %, got " + share);
        }
        RunSnapshots snaps = RunSnapshots.of(run);
        int n = (int) Math.round(share * snaps.size());
        if (n < 1) {
            throw new TriaxException("run " + run + ": the first " + percent(share) + " of " + snaps.size()
                    + " snapshots is none; give a larger --normal-first");
        }
        return subset(run, NORMAL, snaps.files().subList(0, n), String.format(Locale.ROOT,
                "the first %s of run %s: %d of %d snapshots (%s .. %s, ordered by %s)", percent(share), run, n, snaps.size(),
                snaps.name(0), snaps.name(n - 1), snaps.orderedBy()));
    }

    private static NormalSelection subset(Path root, String name, List<Path> files, String description) {
        List<LabelledFile> labelled = files.stream()
                .map(p -> new LabelledFile(p, root.relativize(p).toString().replace('\\', '/'), 0)).toList();
        return new NormalSelection(new DatasetIndex(root, List.of(name), labelled), description, name,
                labelled.stream().map(LabelledFile::relativePath).toList());
    }

    private static boolean hasClassFolders(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> Files.isDirectory(p) && !p.getFileName().toString().startsWith("."));
        } catch (IOException e) {
            throw new TriaxException("cannot list data folder " + dir + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> recordingsDirectlyIn(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(RecordingReaders::isRecording)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted((a, b) -> NaturalOrder.INSTANCE.compare(a.getFileName().toString(), b.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new TriaxException("cannot list data folder " + dir + ": " + e.getMessage(), e);
        }
    }

    static String percent(double share) {
        return org.triax.artifact.AlarmThreshold.percent(share);
    }
}
