package org.triax.health;

import java.util.Locale;

/** A monitor report as CSV: one row per snapshot, score and index per detector, trend, state. */
final class MonitorCsv {
    private MonitorCsv() {
    }

    static String format(MonitorReport r) {
        StringBuilder sb = new StringBuilder("snapshot,file,time_" + r.timeUnit());
        for (String d : r.detectors()) {
            sb.append(",score_").append(d).append(",index_").append(d);
        }
        sb.append(",trend,state,baseline\n");
        for (MonitorReport.Row row : r.rows()) {
            sb.append(row.snapshot()).append(',').append(quote(row.file())).append(',').append(number(row.time()));
            for (String d : r.detectors()) {
                sb.append(',').append(number(row.score().get(d))).append(',').append(number(row.index().get(d)));
            }
            sb.append(',').append(number(row.trend())).append(',').append(row.state()).append(',').append(row.baseline())
                    .append('\n');
        }
        return sb.toString();
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
