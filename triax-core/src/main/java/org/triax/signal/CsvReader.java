package org.triax.signal;

import com.fasterxml.jackson.core.io.NumberInput;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.triax.TriaxException;

/**
 * Delimited text, optionally gzipped: one row per time step, one column per channel.
 *
 * <ul>
 *   <li>Delimiter: taken from the first non-blank line: tab, else semicolon, else comma, else runs
 *       of whitespace. Cells are trimmed and may be wrapped in double quotes.
 *   <li>Header: the first row is a header when any of its cells is not a number. Without a header
 *       the channels are X, Y, Z (3 columns) or ch0, ch1, ..., counted without the time stamp,
 *       counter and constant columns, which are named {@code col<i>} by position (and then left
 *       out by {@link RecordingReaders#read}).
 *   <li>Time column: the first header cell named t or seconds, or containing "time"
 *       (case-insensitive). It is not a channel (unless named in {@link ReadOptions#keep()}); its
 *       uniform steps state the sampling rate, fs = 1 / mean step (uneven steps, i.e. gaps or
 *       jitter, state none, with a note). Its values are seconds, or milliseconds when the name
 *       has a separate token {@code ms} (time_ms, "time (ms)").
 * </ul>
 *
 * Rows are parsed straight into primitive column arrays (no regex split, no boxing), so 100k-row
 * files read in a fraction of a second.
 */
public final class CsvReader implements RecordingReader {

    static final List<String> EXTENSIONS =
            List.of(".csv", ".csv.gz", ".tsv", ".tsv.gz"); // not .txt: a stray notes.txt beside the data is common

    /** How other tools write NaN and infinity (numpy: nan, inf), which Java does not parse. */
    private static final Pattern NON_FINITE = Pattern.compile("(?i)[+-]?(nan|inf|infinity)");
    private static final Pattern MILLISECONDS = Pattern.compile("(?i).*(^|[^a-z])ms([^a-z]|$).*");
    /** Stands for "runs of spaces and tabs" in {@link #split}. */
    private static final char WHITESPACE = ' ';

    @Override
    public boolean accepts(Path file) {
        return RecordingReaders.hasExtension(file, EXTENSIONS);
    }

    @Override
    public Recording read(Path file, ReadOptions options) throws IOException {
        boolean gzip = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
                BufferedReader lines = new BufferedReader(
                        new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            return parse(file, lines, options);
        } catch (EOFException | ZipException e) {
            // only GZIPInputStream throws these here: the stream ends early or is not gzip at all
            throw new TriaxException(file + ": truncated or corrupt gzip ("
                    + RecordingReaders.reason(e) + ")", e);
        }
    }

    private static Recording parse(Path file, BufferedReader lines, ReadOptions options)
            throws IOException {
        String line;
        int lineNo = 0;
        do {
            line = lines.readLine();
            lineNo++;
        } while (line != null && line.isBlank());
        if (line == null) {
            throw new TriaxException(file + ": no samples (empty file)");
        }
        if (line.charAt(0) == '\uFEFF') {
            line = line.substring(1); // byte order mark written by spreadsheet programs
        }
        char delimiter = delimiterOf(line);
        int firstLine = lineNo;
        String[] cells = new String[split(line, delimiter, new String[0])];
        split(line, delimiter, cells);
        String[] header = Arrays.stream(cells).allMatch(CsvReader::isNumber) ? null : cells.clone();

        Columns columns = new Columns(cells.length);
        if (header == null) {
            columns.add(file, lineNo, cells);
        }
        while ((line = lines.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            int count = split(line, delimiter, cells);
            if (count != cells.length) {
                throw new TriaxException(file + ": line " + lineNo + " has " + count
                        + " cells, expected " + cells.length + " as in line " + firstLine);
            }
            columns.add(file, lineNo, cells);
        }
        if (columns.rows == 0) {
            throw new TriaxException(file + ": no samples (only a header line)");
        }
        if (header == null) {
            double[][] data = columns.trimmed();
            return new Recording(file.toString(), CounterColumns.names(data), options.sampleRate(), data);
        }
        return withHeader(file, header, columns, options);
    }

    /** Names channels after the header and turns a time column, if any, into a sampling rate. */
    private static Recording withHeader(Path file, String[] header, Columns columns,
            ReadOptions options) {
        int time = timeColumn(header);
        double[][] data = columns.trimmed();
        List<String> names = new ArrayList<>();
        List<double[]> channels = new ArrayList<>();
        for (int c = 0; c < header.length; c++) {
            if (c != time || options.keeps(header[c])) {
                names.add(header[c].isEmpty() ? "ch" + c : header[c]);
                channels.add(data[c]);
            }
        }
        if (channels.isEmpty()) {
            throw new TriaxException(file + ": no data columns besides the time column '"
                    + header[time] + "'");
        }
        double fs = time < 0 ? options.sampleRate() : RecordingReaders.sampleRate(file,
                rateFromTime(file, header[time], data[time], options.notes()), "time column '" + header[time] + "'",
                options);
        return new Recording(file.toString(), names, fs, channels.toArray(double[][]::new));
    }

    /** The time column of a header: the first cell named t or seconds or containing "time"; -1 when none. */
    private static int timeColumn(String[] header) {
        for (int c = 0; c < header.length; c++) {
            String name = header[c].toLowerCase(Locale.ROOT);
            if (name.equals("t") || name.equals("seconds") || name.contains("time")) {
                return c;
            }
        }
        return -1;
    }

    /**
     * The first value of a CSV file's time column in seconds (milliseconds converted as
     * {@link #read} does), reading only the first two rows: when snapshots of a run carry clock
     * times, this is when each one started. Empty without a header or a time column.
     */
    public static java.util.OptionalDouble startTime(Path file) throws IOException {
        boolean gzip = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = gzip ? new GZIPInputStream(raw, 1 << 12) : raw;
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String head = lines.readLine();
            while (head != null && head.isBlank()) {
                head = lines.readLine();
            }
            if (head == null) {
                return java.util.OptionalDouble.empty();
            }
            head = head.charAt(0) == '\uFEFF' ? head.substring(1) : head;
            char delimiter = delimiterOf(head);
            String[] header = new String[split(head, delimiter, new String[0])];
            split(head, delimiter, header);
            int time = timeColumn(header);
            if (Arrays.stream(header).allMatch(CsvReader::isNumber) || time < 0) {
                return java.util.OptionalDouble.empty();
            }
            String row = lines.readLine();
            while (row != null && row.isBlank()) {
                row = lines.readLine();
            }
            String[] cells = new String[header.length];
            if (row == null || split(row, delimiter, cells) != header.length || !isNumber(cells[time])) {
                return java.util.OptionalDouble.empty();
            }
            double t = Double.parseDouble(cells[time]);
            return java.util.OptionalDouble.of(MILLISECONDS.matcher(header[time]).matches() ? t / 1000 : t);
        } catch (EOFException | ZipException e) {
            throw new TriaxException(file + ": truncated or corrupt gzip (" + RecordingReaders.reason(e) + ")", e);
        }
    }

    /** The rate a time column states: 1 / mean step when the steps are uniform, else NaN (noted). */
    private static double rateFromTime(Path file, String name, double[] t, ReadNotes notes) {
        if (t.length < 2) {
            return Double.NaN;
        }
        double[] steps = new double[t.length - 1];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = t[i + 1] - t[i];
        }
        Arrays.sort(steps);
        double median = steps[steps.length / 2];
        if (!(median > 0)) {
            throw new TriaxException(file + ": time column '" + name
                    + "' does not increase (median step " + median + ")");
        }
        // the mean step is exact where printed time stamps round each step (1/48000 s to 6 decimals
        // is 2.1e-5 or 2.0e-5), and it differs from the median when there are gaps or jitter
        double mean = (t[t.length - 1] - t[0]) / (t.length - 1);
        if (Math.abs(mean - median) > 0.01 * median) {
            notes.add(file.toString(), "time column '" + name + "' has uneven steps (gaps or jitter), so it "
                    + "states no sampling rate; give --fs if the samples are evenly spaced");
            return Double.NaN;
        }
        double fs = (MILLISECONDS.matcher(name).matches() ? 1000.0 : 1.0) / mean;
        // printed timestamps carry rounding noise: 999.9999 Hz means 1000 Hz (6 decimals over 0.1 s
        // at 48 kHz are off by 2e-6)
        double whole = Math.rint(fs);
        return Math.abs(fs - whole) <= 1e-5 * fs ? whole : fs;
    }

    private static char delimiterOf(String line) {
        for (char c : new char[] {'\t', ';', ','}) {
            if (line.indexOf(c) >= 0) {
                return c;
            }
        }
        return WHITESPACE;
    }

    /**
     * Splits a line into trimmed, unquoted cells, storing at most {@code out.length} of them, and
     * returns how many cells the line has.
     */
    private static int split(String line, char delimiter, String[] out) {
        int count = 0;
        int len = line.length();
        int i = 0;
        if (delimiter == WHITESPACE) {
            while (true) {
                while (i < len && line.charAt(i) <= ' ') {
                    i++;
                }
                if (i == len) {
                    return count;
                }
                int start = i;
                while (i < len && line.charAt(i) > ' ') {
                    i++;
                }
                if (count < out.length) {
                    out[count] = unquote(line.substring(start, i));
                }
                count++;
            }
        }
        while (true) {
            int end = line.indexOf(delimiter, i);
            if (end < 0) {
                end = len;
            }
            if (count < out.length) {
                out[count] = unquote(line.substring(i, end).trim());
            }
            count++;
            if (end == len) {
                return count;
            }
            i = end + 1;
        }
    }

    private static String unquote(String cell) {
        return cell.length() >= 2 && cell.charAt(0) == '"' && cell.charAt(cell.length() - 1) == '"'
                ? cell.substring(1, cell.length() - 1).trim() : cell;
    }

    private static boolean isNumber(String cell) {
        try {
            Double.parseDouble(cell);
            return true;
        } catch (NumberFormatException e) {
            return NON_FINITE.matcher(cell).matches();
        }
    }

    /** Growable primitive column arrays. */
    private static final class Columns {
        private double[][] values;
        private int rows;

        Columns(int width) {
            values = new double[width][1024];
        }

        void add(Path file, int lineNo, String[] cells) {
            if (rows == values[0].length) {
                for (int c = 0; c < values.length; c++) {
                    values[c] = Arrays.copyOf(values[c], rows * 2);
                }
            }
            for (int c = 0; c < cells.length; c++) {
                values[c][rows] = parse(file, lineNo, c, cells[c]);
            }
            rows++;
        }

        double[][] trimmed() {
            return Arrays.stream(values).map(v -> Arrays.copyOf(v, rows)).toArray(double[][]::new);
        }

        private static double parse(Path file, int lineNo, int column, String cell) {
            double v;
            try {
                // FastDoubleParser (inside Jackson): the same correctly rounded doubles as Double.parseDouble,
                // ~10x faster on the 17-digit values of printed float64 data, where parsing was most of a read
                v = NumberInput.parseDouble(cell, true);
            } catch (NumberFormatException e) {
                if (!NON_FINITE.matcher(cell).matches()) {
                    throw new TriaxException(file + ": line " + lineNo + ", column " + (column + 1)
                            + ": '" + cell + "' is not a number");
                }
                v = Double.NaN;
            }
            if (!Double.isFinite(v)) {
                throw new TriaxException(file + ": line " + lineNo + ", column " + (column + 1)
                        + ": " + cell + " is not a finite number (NaN/Inf samples are not allowed)");
            }
            return v;
        }
    }
}
