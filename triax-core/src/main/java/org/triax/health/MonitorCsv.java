package org.triax.health;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.triax.TriaxException;

/**
 * A monitor report as CSV: one row per snapshot, score and index per detector, trend, state, and
 * the error of a snapshot that could not be scored (its numbers empty, its state FAILED). Rows are
 * written one by one as snapshots are scored, and read back by {@code --resume}.
 */
final class MonitorCsv {
    private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);

    private MonitorCsv() {
    }

    static String header(String timeUnit, List<String> detectors) {
        StringBuilder sb = new StringBuilder("snapshot,file,time_" + timeUnit);
        for (String d : detectors) {
            sb.append(",score_").append(d).append(",index_").append(d);
        }
        return sb.append(",trend,state,baseline,error\n").toString();
    }

    static String row(MonitorReport.Row row, List<String> detectors) {
        StringBuilder sb = new StringBuilder();
        sb.append(row.snapshot()).append(',').append(quote(row.file())).append(',').append(number(row.time()));
        for (String d : detectors) {
            sb.append(',').append(row.scored() ? number(row.score().get(d)) : "").append(',')
                    .append(row.scored() ? number(row.index().get(d)) : "");
        }
        sb.append(',').append(row.scored() ? number(row.trend()) : "").append(',').append(row.state()).append(',')
                .append(row.baseline()).append(',').append(row.scored() ? "" : quote(row.error()));
        return sb.append('\n').toString();
    }

    /** The rows of {@code text} (complete lines, header excluded) as {@link #row} wrote them. */
    static List<MonitorReport.Row> parse(String text, List<String> detectors, String source) {
        List<MonitorReport.Row> rows = new ArrayList<>();
        try (MappingIterator<String[]> it = CSV.readerFor(String[].class).readValues(text)) {
            while (it.hasNext()) {
                String[] f = it.next();
                if (f.length != 7 + 2 * detectors.size()) {
                    throw new TriaxException(source + ": a row of " + f.length + " fields, expected " + (7
                            + 2 * detectors.size()) + ": not written by triax monitor with this model");
                }
                boolean scored = f[f.length - 1].isEmpty();
                Map<String, Double> score = new LinkedHashMap<>();
                Map<String, Double> index = new LinkedHashMap<>();
                for (int d = 0; scored && d < detectors.size(); d++) {
                    score.put(detectors.get(d), Double.parseDouble(f[3 + 2 * d]));
                    index.put(detectors.get(d), Double.parseDouble(f[4 + 2 * d]));
                }
                int t = 3 + 2 * detectors.size();
                rows.add(new MonitorReport.Row(Integer.parseInt(f[0]), f[1], Double.parseDouble(f[2]), score, index,
                        scored ? Double.parseDouble(f[t]) : Double.NaN, f[t + 1], Boolean.parseBoolean(f[t + 2]),
                        scored ? null : f[t + 3]));
            }
        } catch (TriaxException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new TriaxException(source + ": unreadable rows (" + e.getMessage().lines().findFirst().orElse("")
                    + "): not written by triax monitor; give another --out or delete it", e);
        }
        return rows;
    }

    /** A number as the CSV holds it: what the trend and alarm are computed from, so that --resume rebuilds them exactly. */
    static double asWritten(double v) {
        return Double.parseDouble(number(v));
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
