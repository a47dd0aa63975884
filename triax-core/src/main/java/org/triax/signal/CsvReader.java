package org.triax.signal;

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
 * files read in a fraction of a second. {@link CsvStream} reads the same rows ({@link CsvRows})
 * without holding them.
 */
public final class CsvReader implements RecordingReader {

    static final List<String> EXTENSIONS =
            List.of(".csv", ".csv.gz", ".tsv", ".tsv.gz"); // not .txt: a stray notes.txt beside the data is common

    @Override
    public boolean accepts(Path file) {
        return RecordingReaders.hasExtension(file, EXTENSIONS);
    }

    @Override
    public Recording read(RecordingInput input, ReadOptions options) throws IOException {
        Path file = input.path();
        try (CsvRows rows = CsvRows.open(input)) {
            Columns columns = new Columns(rows.width());
            double[] row = new double[rows.width()];
            while (rows.next(row)) {
                columns.add(row);
            }
            if (columns.rows == 0) {
                throw new TriaxException(file + ": no samples (only a header line)");
            }
            double[][] data = columns.trimmed();
            String[] header = rows.header();
            if (header == null) {
                return new Recording(file.toString(), CounterColumns.names(data), options.sampleRate(), data);
            }
            int time = timeColumn(header);
            Channels named = channels(file, header, time, options);
            double fs = time < 0 ? options.sampleRate() : RecordingReaders.sampleRate(file,
                    TimeSteps.rate(file, header[time], data[time], options.notes()), "time column '" + header[time] + "'",
                    options);
            return new Recording(file.toString(), named.names(), fs,
                    Arrays.stream(named.columns()).mapToObj(c -> data[c]).toArray(double[][]::new));
        }
    }

    /** A file's channel columns and their names. */
    record Channels(int[] columns, List<String> names) {
    }

    /** The channels of a file with a header: every column but the time column (unless kept), named after the header. */
    static Channels channels(Path file, String[] header, int time, ReadOptions options) {
        List<String> names = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        for (int c = 0; c < header.length; c++) {
            if (c != time || options.keeps(header[c])) {
                names.add(header[c].isEmpty() ? "ch" + c : header[c]);
                columns.add(c);
            }
        }
        if (columns.isEmpty()) {
            throw new TriaxException(file + ": no data columns besides the time column '"
                    + header[time] + "'");
        }
        return new Channels(columns.stream().mapToInt(Integer::intValue).toArray(), names);
    }

    /** The time column of a header: the first cell named t or seconds or containing "time"; -1 when none. */
    static int timeColumn(String[] header) {
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
            char delimiter = CsvRows.delimiterOf(head);
            String[] header = new String[CsvRows.split(head, delimiter, new String[0])];
            CsvRows.split(head, delimiter, header);
            int time = timeColumn(header);
            if (Arrays.stream(header).allMatch(CsvRows::isNumber) || time < 0) {
                return java.util.OptionalDouble.empty();
            }
            String row = lines.readLine();
            while (row != null && row.isBlank()) {
                row = lines.readLine();
            }
            String[] cells = new String[header.length];
            if (row == null || CsvRows.split(row, delimiter, cells) != header.length || !CsvRows.isNumber(cells[time])) {
                return java.util.OptionalDouble.empty();
            }
            double t = Double.parseDouble(cells[time]);
            return java.util.OptionalDouble.of(TimeSteps.MILLISECONDS.matcher(header[time]).matches() ? t / 1000 : t);
        } catch (EOFException | ZipException e) {
            throw CsvRows.corruptGzip(file, e);
        }
    }

    /** Growable primitive column arrays. */
    private static final class Columns {
        private double[][] values;
        private int rows;

        Columns(int width) {
            values = new double[width][1024];
        }

        void add(double[] row) {
            if (rows == values[0].length) {
                for (int c = 0; c < values.length; c++) {
                    values[c] = Arrays.copyOf(values[c], rows * 2);
                }
            }
            for (int c = 0; c < row.length; c++) {
                values[c][rows] = row[c];
            }
            rows++;
        }

        double[][] trimmed() {
            return Arrays.stream(values).map(v -> Arrays.copyOf(v, rows)).toArray(double[][]::new);
        }
    }
}
