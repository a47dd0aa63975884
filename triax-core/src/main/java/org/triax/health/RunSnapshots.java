package org.triax.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.triax.TriaxException;
import org.triax.signal.CsvReader;
import org.triax.signal.RecordingReaders;

/**
 * The snapshots of one machine's run in time order. Their times come from a date-time in every
 * file name ({@code 2024-03-01T10-15-00}, {@code 20240301_101500}), else from the first value of a
 * CSV time column when it differs between snapshots (clock time; a time column that starts at the
 * same value in every file is time within the snapshot and says nothing about its order), else
 * they are unknown and the names order the run in natural numeric order ({@code 2.csv} before
 * {@code 10.csv}). File modification times are not used: a copy resets them (every XJTU-SY file
 * here has the same one). Two snapshots at the same time, or numbered names whose order the times
 * contradict, are errors naming both files. When most snapshots have a time column, the few whose
 * time cannot be read (a corrupt or foreign file) keep their place by name, after the snapshot
 * their name follows, with no time: monitor reports them as failed rows instead of stopping or
 * dropping the time order of the whole run.
 *
 * @param files in time order
 * @param times seconds of each file (epoch seconds for name date-times), NaN for a snapshot whose
 *     time could not be read, or null when unknown
 * @param orderedBy how the order was found, in words
 */
public record RunSnapshots(Path dir, List<Path> files, double[] times, String orderedBy) {

    private static final Pattern DATE_TIME = Pattern.compile(
            "((?:19|20)\\d\\d)-?(\\d\\d)-?(\\d\\d)[T _-]?(\\d\\d)[:h.-]?(\\d\\d)[:m.-]?(\\d\\d)");

    public RunSnapshots {
        files = List.copyOf(files);
    }

    /** The recordings in {@code dir} (sub-folders included, hidden ones skipped), in time order. */
    public static RunSnapshots of(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new TriaxException("run folder " + dir + (Files.exists(dir) ? " is not a folder" : " does not exist"));
        }
        List<Path> found;
        try (Stream<Path> s = Files.walk(dir)) {
            found = s.filter(Files::isRegularFile).filter(RecordingReaders::isRecording)
                    .filter(p -> !hidden(dir, p))
                    .sorted(Comparator.comparing((Path p) -> dir.relativize(p).toString(), NaturalOrder.INSTANCE))
                    .toList();
        } catch (IOException e) {
            throw new TriaxException("cannot list run folder " + dir + ": " + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            throw new TriaxException("run folder " + dir + " holds no recordings (supported: "
                    + String.join(", ", RecordingReaders.supportedExtensions()) + ")");
        }
        double[] times = nameTimes(found);
        if (times != null) {
            return ordered(dir, found, times, "date-times in the file names", false);
        }
        times = columnTimes(found);
        if (times != null) {
            long unknown = java.util.Arrays.stream(times).filter(Double::isNaN).count();
            return ordered(dir, found, times, "the first value of each snapshot's time column" + (unknown == 0 ? ""
                    : "; " + unknown + " without a readable time placed by name"), true);
        }
        return new RunSnapshots(dir, found, null, "natural order of the file names (no snapshot times)");
    }

    /**
     * Sorts by time after checking the times: no duplicates and, for times read from inside the files,
     * no contradiction of numbered names (a clock reset or a mislabelled file). A NaN time keeps the
     * file after the one it follows by name.
     */
    private static RunSnapshots ordered(Path dir, List<Path> byName, double[] times, String by, boolean checkNames) {
        boolean numbered = checkNames && byName.stream().allMatch(p -> NaturalOrder.numbered(p.getFileName().toString()));
        int previous = -1; // the last file with a time, by name
        List<Integer> known = new ArrayList<>();
        for (int i = 0; i < byName.size(); i++) {
            if (Double.isNaN(times[i])) {
                continue;
            }
            if (numbered && previous >= 0 && times[i] < times[previous]) {
                throw new TriaxException("snapshot times are not monotonic: " + byName.get(i) + " (t = " + seconds(times[i])
                        + ") comes after " + byName.get(previous) + " (t = " + seconds(times[previous]) + ") by its number but "
                        + "before it in time (" + by + "); fix the clock or the file names");
            }
            previous = i;
            known.add(i);
        }
        known.sort(Comparator.comparingDouble(i -> times[i]));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < byName.size() && Double.isNaN(times[i]); i++) {
            order.add(i); // before every file with a time, by name
        }
        for (int k : known) {
            order.add(k);
            for (int i = k + 1; i < byName.size() && Double.isNaN(times[i]); i++) {
                order.add(i);
            }
        }
        List<Path> files = new ArrayList<>();
        double[] sorted = new double[order.size()];
        for (int k = 0, last = -1; k < order.size(); k++) {
            files.add(byName.get(order.get(k)));
            sorted[k] = times[order.get(k)];
            if (Double.isNaN(sorted[k])) {
                continue;
            }
            if (last >= 0 && sorted[k] == sorted[last]) {
                throw new TriaxException("two snapshots have the same time (" + by + ", t = " + seconds(sorted[k]) + "): "
                        + files.get(last) + " and " + files.get(k) + "; remove the duplicate");
            }
            last = k;
        }
        return new RunSnapshots(dir, files, sorted, by);
    }

    /** Epoch seconds of the date-time in every name, or null when some name has none. */
    private static double[] nameTimes(List<Path> files) {
        double[] t = new double[files.size()];
        for (int i = 0; i < t.length; i++) {
            Matcher m = DATE_TIME.matcher(files.get(i).getFileName().toString());
            if (!m.find()) {
                return null;
            }
            try {
                t[i] = LocalDateTime.parse(String.format(Locale.ROOT, "%s-%s-%sT%s:%s:%s", m.group(1), m.group(2), m.group(3),
                        m.group(4), m.group(5), m.group(6))).toEpochSecond(ZoneOffset.UTC);
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
        return t;
    }

    /**
     * The start of every CSV snapshot's time column, NaN for a file whose time cannot be read; or
     * null when most files have none, or all that have one start alike.
     */
    private static double[] columnTimes(List<Path> files) {
        double[] t = new double[files.size()];
        int found = 0;
        double first = Double.NaN;
        boolean differ = false;
        for (int i = 0; i < t.length; i++) {
            OptionalDouble start = OptionalDouble.empty();
            if (files.get(i).getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(csv|tsv)(\\.gz)?")) {
                try {
                    start = CsvReader.startTime(files.get(i));
                } catch (IOException | TriaxException unreadable) {
                    // scoring reads it again and reports why; its time is unknown
                }
            }
            t[i] = start.orElse(Double.NaN);
            if (start.isPresent()) {
                differ |= found > 0 && t[i] != first;
                first = found == 0 ? t[i] : first;
                found++;
            }
            if (2 * (i + 1 - found) >= t.length) {
                return null; // half the files or more have no time: the run has none
            }
        }
        return differ ? t : null;
    }

    private static boolean hidden(Path dir, Path p) {
        for (Path part : dir.relativize(p)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static String seconds(double t) {
        return String.format(Locale.ROOT, "%.3f s", t);
    }

    public int size() {
        return files.size();
    }

    /** The file's name relative to the run folder. */
    public String name(int i) {
        return dir.relativize(files.get(i)).toString().replace('\\', '/');
    }

    /** Time of snapshot {@code i} relative to the first with a time, in seconds; NaN when unknown. */
    public double elapsed(int i) {
        if (times == null || !Double.isNaN(times[0])) {
            return times == null ? Double.NaN : times[i] - times[0];
        }
        for (double t0 : times) {
            if (!Double.isNaN(t0)) {
                return times[i] - t0;
            }
        }
        return Double.NaN;
    }
}
