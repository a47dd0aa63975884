package org.triax.signal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.triax.TriaxException;

/**
 * A CSV file as a {@link SampleStream}: a first pass finds the channels, the time column's rate and
 * the time stamp and counter columns (as {@link CsvReader} and {@link CounterColumns} do for the
 * whole file), a second pass delivers the kept columns row by row. Memory does not depend on the
 * length; the price is reading (and un-gzipping) the file twice.
 */
final class CsvStream extends FileSampleStream {
    /** Distinct time steps kept for the median; printed time stamps have a handful. */
    private static final int MAX_DISTINCT_STEPS = 1 << 16;

    private final int[] columns;
    private final CsvRows rows;
    private final double[] row;
    private long delivered;

    private CsvStream(Path file, List<String> channels, int[] columns, double sampleRate, long length) throws IOException {
        super(file, channels, sampleRate, length);
        this.columns = columns;
        this.rows = CsvRows.open(RecordingInput.of(file));
        this.row = new double[rows.width()];
    }

    /**
     * Opens {@code file} for streaming; null when it cannot stream exactly (a time column with
     * more distinct steps than this keeps): then read it whole.
     */
    static CsvStream open(Path file, ReadOptions options) throws IOException {
        CounterColumns.Trend[] trends;
        TimeSteps steps = null;
        String[] header;
        int time;
        long n = 0;
        try (CsvRows scan = CsvRows.open(RecordingInput.of(file))) {
            header = scan.header();
            time = header == null ? -1 : CsvReader.timeColumn(header);
            trends = new CounterColumns.Trend[scan.width()];
            Arrays.setAll(trends, c -> new CounterColumns.Trend());
            if (time >= 0) {
                steps = new TimeSteps(MAX_DISTINCT_STEPS);
            }
            double[] row = new double[scan.width()];
            while (scan.next(row)) {
                for (int c = 0; c < row.length; c++) {
                    trends[c].add(row[c]);
                }
                if (steps != null) {
                    steps.add(row[time]);
                }
                n++;
            }
        }
        if (n == 0) {
            throw new TriaxException(file + ": no samples (only a header line)");
        }
        if (steps != null && steps.overflow()) {
            return null;
        }
        List<String> kinds = Arrays.stream(trends).map(CounterColumns.Trend::kind).toList();
        CsvReader.Channels named = header == null
                ? new CsvReader.Channels(java.util.stream.IntStream.range(0, trends.length).toArray(), CounterColumns.names(kinds))
                : CsvReader.channels(file, header, time, options);
        double fs = time < 0 ? options.sampleRate() : RecordingReaders.sampleRate(file,
                steps.rate(file, header[time], options.notes()), "time column '" + header[time] + "'", options);
        int[] kept = CounterColumns.kept(file.toString(), named.names(),
                Arrays.stream(named.columns()).mapToObj(kinds::get).toList(), options);
        return new CsvStream(file, Arrays.stream(kept).mapToObj(named.names()::get).toList(),
                Arrays.stream(kept).map(k -> named.columns()[k]).toArray(), fs, n);
    }


    @Override
    protected int readSamples(double[][] into, int offset, int max) throws IOException {
        int got = 0;
        while (got < max && delivered < length()) {
            if (!rows.next(row)) {
                throw changed(delivered);
            }
            for (int c = 0; c < columns.length; c++) {
                into[c][offset + got] = row[columns[c]];
            }
            got++;
            delivered++;
        }
        return got;
    }

    @Override
    protected Closeable input() {
        return rows;
    }
}
