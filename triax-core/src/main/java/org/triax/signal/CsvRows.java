package org.triax.signal;

import com.fasterxml.jackson.core.io.NumberInput;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.triax.TriaxException;

/**
 * A delimited text file (gzipped or not) read one row at a time: the delimiter and header are
 * taken from the first non-blank line ({@link CsvReader} says how), then each {@link #next} parses
 * one row of numbers. The whole-file reader and the streaming reader both read through it, so the
 * two see the same rows and the same errors.
 */
final class CsvRows implements Closeable {
    /** How other tools write NaN and infinity (numpy: nan, inf), which Java does not parse. */
    private static final Pattern NON_FINITE = Pattern.compile("(?i)[+-]?(nan|inf|infinity)");
    /** Stands for "runs of spaces and tabs" in {@link #split}. */
    static final char WHITESPACE = ' ';

    private final Path file;
    private final BufferedReader lines;
    private final char delimiter;
    private final String[] header;
    private final String[] cells;
    private final int firstLine;
    private int lineNo;
    /** The first line when it is data (no header), not yet returned by {@link #next}. */
    private boolean firstIsData;

    private CsvRows(Path file, BufferedReader lines) throws IOException {
        this.file = file;
        this.lines = lines;
        String line;
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
        delimiter = delimiterOf(line);
        firstLine = lineNo;
        cells = new String[split(line, delimiter, new String[0])];
        split(line, delimiter, cells);
        header = Arrays.stream(cells).allMatch(CsvRows::isNumber) ? null : cells.clone();
        firstIsData = header == null;
    }

    /** Opens {@code input} and reads its first line. */
    static CsvRows open(RecordingInput input) throws IOException {
        Path file = input.path();
        boolean gzip = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
        // a short recording needs no 64 K buffers (128 KB of chars): they would cost more than its parsing
        int buffer = (int) Math.min(1 << 16, Math.max(1 << 10, input.size()));
        InputStream raw = input.open();
        try {
            InputStream in = gzip ? new GZIPInputStream(raw, buffer) : raw;
            return new CsvRows(file, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8),
                    gzip ? 1 << 16 : buffer));
        } catch (EOFException | ZipException e) {
            raw.close();
            throw corruptGzip(file, e);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** The header cells, or null when the first row is data. */
    String[] header() {
        return header;
    }

    /** Cells per row. */
    int width() {
        return cells.length;
    }

    /**
     * Parses the next non-blank row into {@code row} ({@link #width} values).
     *
     * @return false at the end of the file
     * @throws TriaxException for a row of another width, a cell that is not a number, or NaN/Inf
     */
    boolean next(double[] row) throws IOException {
        if (firstIsData) {
            firstIsData = false;
        } else {
            String line;
            try {
                do {
                    line = lines.readLine();
                    lineNo++;
                } while (line != null && line.isBlank());
            } catch (EOFException | ZipException e) {
                throw corruptGzip(file, e);
            }
            if (line == null) {
                return false;
            }
            int count = split(line, delimiter, cells);
            if (count != cells.length) {
                throw new TriaxException(file + ": line " + lineNo + " has " + count
                        + " cells, expected " + cells.length + " as in line " + firstLine);
            }
        }
        for (int c = 0; c < cells.length; c++) {
            row[c] = parse(c, cells[c]);
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }

    /** Only GZIPInputStream throws these here: the stream ends early or is not gzip at all. */
    static TriaxException corruptGzip(Path file, IOException e) {
        return new TriaxException(file + ": truncated or corrupt gzip (" + RecordingReaders.reason(e) + ")", e);
    }

    private double parse(int column, String cell) {
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

    static char delimiterOf(String line) {
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
    static int split(String line, char delimiter, String[] out) {
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

    static boolean isNumber(String cell) {
        try {
            Double.parseDouble(cell);
            return true;
        } catch (NumberFormatException e) {
            return NON_FINITE.matcher(cell).matches();
        }
    }
}
