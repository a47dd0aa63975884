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
    private char[] buf = new char[1 << 14];
    private int pos;
    private int limit;
    private int lineStart;
    private int lineEnd;
    /** The last line ended with \r: a \n right after it belongs to it. */
    private boolean afterCarriageReturn;

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
            for (int c = 0; c < cells.length; c++) {
                row[c] = parse(c, cells[c]);
            }
            return true;
        }
        do {
            if (!nextLine()) {
                return false;
            }
            lineNo++;
        } while (blank());
        int count = delimiter == WHITESPACE ? runs(null) : cells(null);
        if (count != cells.length) {
            throw new TriaxException(file + ": line " + lineNo + " has " + count
                    + " cells, expected " + cells.length + " as in line " + firstLine);
        }
        if (delimiter == WHITESPACE) {
            runs(row);
        } else {
            cells(row);
        }
        return true;
    }

    /*
     * Rows are cut and parsed in a char buffer, no String per line or cell: with Strings a snapshot
     * of 32768 rows made ~6 MB of garbage, half of what monitor allocated per snapshot.
     */

    /** The next line's chars are {@code buf[lineStart, lineEnd)}; lines end as for readLine: \n, \r or \r\n. */
    private boolean nextLine() throws IOException {
        if (afterCarriageReturn) {
            if (pos == limit && !fill()) {
                return false;
            }
            if (buf[pos] == '\n') {
                pos++;
            }
            afterCarriageReturn = false;
        }
        int scanned = pos;
        while (true) {
            for (int i = scanned; i < limit; i++) {
                char ch = buf[i];
                if (ch == '\n' || ch == '\r') {
                    lineStart = pos;
                    lineEnd = i;
                    pos = i + 1;
                    afterCarriageReturn = ch == '\r';
                    return true;
                }
            }
            int partial = limit - pos;
            if (!fill()) {
                if (pos == limit) {
                    return false;
                }
                lineStart = pos; // a last line without a line end
                lineEnd = limit;
                pos = limit;
                return true;
            }
            scanned = partial; // fill moved the partial line to the front
        }
    }

    /** Moves the unread chars to the front of the buffer and reads more; false at the end of the file. */
    private boolean fill() throws IOException {
        int kept = limit - pos;
        if (kept == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2); // a line longer than the buffer
        } else {
            System.arraycopy(buf, pos, buf, 0, kept);
        }
        pos = 0;
        limit = kept;
        int n;
        try {
            n = lines.read(buf, limit, buf.length - limit);
        } catch (EOFException | ZipException e) {
            throw corruptGzip(file, e);
        }
        if (n <= 0) {
            return false;
        }
        limit += n;
        return true;
    }

    private boolean blank() {
        for (int i = lineStart; i < lineEnd; i++) {
            if (buf[i] > ' ') {
                return false;
            }
        }
        return true;
    }

    /** Counts the line's cells between delimiters, and parses them into {@code row} unless it is null. */
    private int cells(double[] row) {
        int count = 0;
        int i = lineStart;
        while (true) {
            int end = i;
            while (end < lineEnd && buf[end] != delimiter) {
                end++;
            }
            if (row != null) {
                row[count] = parse(count, i, end);
            }
            count++;
            if (end == lineEnd) {
                return count;
            }
            i = end + 1;
        }
    }

    /** Counts the line's runs of non-blank chars (the whitespace delimiter), and parses them into {@code row} unless null. */
    private int runs(double[] row) {
        int count = 0;
        int i = lineStart;
        while (true) {
            while (i < lineEnd && buf[i] <= ' ') {
                i++;
            }
            if (i == lineEnd) {
                return count;
            }
            int start = i;
            while (i < lineEnd && buf[i] > ' ') {
                i++;
            }
            if (row != null) {
                row[count] = parse(count, start, i);
            }
            count++;
        }
    }

    /** The cell {@code buf[from, to)} trimmed and unquoted as {@link #split} does, parsed as {@link #parse(int, String)}. */
    private double parse(int column, int from, int to) {
        for (int pass = 0; pass < 2; pass++) {
            while (from < to && buf[from] <= ' ') {
                from++;
            }
            while (to > from && buf[to - 1] <= ' ') {
                to--;
            }
            if (pass > 0 || to - from < 2 || buf[from] != '"' || buf[to - 1] != '"') {
                break;
            }
            from++; // unquoted once, then trimmed again
            to--;
        }
        try {
            double v = NumberInput.parseDouble(buf, from, to - from, true);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // the String path below says why
        }
        return parse(column, new String(buf, from, to - from));
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
