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
 * contradict, are errors naming both files.
 *
 * @param files in time order
 * @param times seconds of each file (epoch seconds for name date-times), or null when unknown
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
            return ordered(dir, found, times, "the first value of each snapshot's time column", true);
        }
        return new RunSnapshots(dir, found, null, "natural order of the file names (no snapshot times)");
    }

    /**
     * Sorts by time after checking the times: no duplicates and, for times read from inside the files,
     * no contradiction of numbered names (a clock reset or a mislabelled file).
     */
    private static RunSnapshots ordered(Path dir, List<Path> byName, double[] times, String by, boolean checkNames) {
        boolean numbered = checkNames && byName.stream().allMatch(p -> NaturalOrder.numbered(p.getFileName().toString()));
        for (int i = 1; i < byName.size(); i++) {
            if (numbered && times[i] < times[i - 1]) {
                throw new TriaxException("snapshot times are not monotonic: " + byName.get(i) + " (t = " + seconds(times[i])
                        + ") comes after " + byName.get(i - 1) + " (t = " + seconds(times[i - 1]) + ") by its number but "
                        + "before it in time (" + by + "); fix the clock or the file names");
            }
        }
        Integer[] order = new Integer[byName.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble(i -> times[i]));
        List<Path> files = new ArrayList<>();
        double[] sorted = new double[order.length];
        for (int k = 0; k < order.length; k++) {
            files.add(byName.get(order[k]));
            sorted[k] = times[order[k]];
            if (k > 0 && sorted[k] == sorted[k - 1]) {
                throw new TriaxException("two snapshots have the same time (" + by + ", t = " + seconds(sorted[k]) + "): "
                        + files.get(k - 1) + " and " + files.get(k) + "; remove the duplicate");
            }
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

    /** The start of every CSV snapshot's time column, or null when some has none or all start alike. */
    private static double[] columnTimes(List<Path> files) {
        double[] t = new double[files.size()];
        boolean differ = false;
        for (int i = 0; i < t.length; i++) {
            OptionalDouble start;
            try {
                start = files.get(i).getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(csv|tsv)(\\.gz)?")
                        ? CsvReader.startTime(files.get(i)) : OptionalDouble.empty();
            } catch (IOException e) {
                throw new TriaxException(files.get(i) + ": unreadable (" + e.getMessage() + ")", e);
            }
            if (start.isEmpty()) {
                return null;
            }
            t[i] = start.getAsDouble();
            differ |= t[i] != t[0];
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

    /** Time of snapshot {@code i} relative to the first, in seconds, or NaN when times are unknown. */
    public double elapsed(int i) {
        return times == null ? Double.NaN : times[i] - times[0];
    }
}
