package org.triax.predict;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Locale;
import org.triax.TriaxException;
import org.triax.artifact.ModelArtifact;
import org.triax.artifact.UnknownState;

/**
 * Renders verdicts as an aligned table (the reason under a recording called unknown), CSV (one row
 * per recording), JSON (one indented array),
 * JSON lines (one object per line) or Parquet ({@link ParquetVerdictSink}, a file format, not
 * text). Table, CSV and JSON lines are a {@link #header} and one {@link #row} per verdict, so that
 * a batch is written as it is scored ({@link #streams}); the JSON array is written whole.
 */
public enum VerdictFormat {
    TABLE, CSV, JSON, JSONL, PARQUET;

    public static VerdictFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TriaxException("unknown --format '" + text + "' (table, csv, json, jsonl or parquet)");
        }
    }

    public String format(List<Verdict> verdicts) {
        if (this == JSON) {
            try {
                return ModelArtifact.JSON.writeValueAsString(verdicts) + "\n";
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        List<String> classes = verdicts.isEmpty() ? List.of() : verdicts.get(0).classes();
        StringBuilder sb = new StringBuilder(header(classes));
        verdicts.forEach(v -> sb.append(row(v, classes)));
        return sb.toString();
    }

    /** True for the formats written row by row as text (table, CSV, JSON lines). */
    public boolean streams() {
        return this == TABLE || this == CSV || this == JSONL;
    }

    /** What comes before the first row. */
    public String header(List<String> classes) {
        return switch (this) {
            case TABLE -> String.format(Locale.ROOT, "%-40s %-20s %7s %7s  %s%n",
                    "recording", "verdict", "prob", "windows", "share of windows per class");
            case CSV -> csvHeader(classes);
            case JSONL -> "";
            case JSON, PARQUET -> throw notRows();
        };
    }

    /** One verdict as a line (table, CSV, JSON lines). */
    public String row(Verdict v, List<String> classes) {
        return switch (this) {
            case TABLE -> tableRow(v);
            case CSV -> csvRow(v, classes);
            case JSONL -> jsonLine(v) + "\n";
            case JSON, PARQUET -> throw notRows();
        };
    }

    private TriaxException notRows() {
        return new TriaxException(this == PARQUET ? "--format parquet writes files, not text: give --output DIR"
                : "--format json is one array, not rows");
    }

    private static String tableRow(Verdict v) {
        if (!v.ok()) {
            return String.format(Locale.ROOT, "%-40s %-20s %s%n", v.recording(), "ERROR", v.error());
        }
        StringBuilder share = new StringBuilder();
        for (int c = 0; c < v.classes().size(); c++) {
            share.append(String.format(Locale.ROOT, "%s%s %.0f%%", c == 0 ? "" : ", ", v.classes().get(c),
                    100 * v.windowShare()[c]));
        }
        String row = String.format(Locale.ROOT, "%-40s %-20s %7.3f %7d  %s%n", v.recording(), v.predicted(),
                v.probability(), v.windows(), share);
        return v.unknown() ? row + String.format(Locale.ROOT, "%-40s %s%n", "", v.unknownState().reason()) : row;
    }

    private static String csvHeader(List<String> classes) {
        StringBuilder sb = new StringBuilder("recording,verdict,probability,windows");
        for (String c : classes) {
            sb.append(",p_").append(c);
        }
        for (String c : classes) {
            sb.append(",share_").append(c);
        }
        return sb.append(",unknown_share,unknown_distance,unknown_reason,error\n").toString();
    }

    private static String csvRow(Verdict v, List<String> classes) {
        StringBuilder sb = new StringBuilder(quote(v.recording())).append(',');
        if (!v.ok()) {
            return sb.append(",,").append(",".repeat(2 * classes.size())).append(",,,,").append(quote(v.error()))
                    .append('\n').toString();
        }
        sb.append(quote(v.predicted())).append(',')
                .append(String.format(Locale.ROOT, "%.6f", v.probability())).append(',').append(v.windows());
        for (double p : v.meanProbabilities()) {
            sb.append(String.format(Locale.ROOT, ",%.6f", p));
        }
        for (double s : v.windowShare()) {
            sb.append(String.format(Locale.ROOT, ",%.6f", s));
        }
        UnknownState.Check u = v.unknownState();
        return sb.append(',').append(u == null ? "," : String.format(Locale.ROOT, "%.4f,%.4f", u.share(), u.distance()))
                .append(',').append(u == null || u.reason() == null ? "" : quote(u.reason())).append(",\n").toString();
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /** One verdict as one line of JSON (the model files' mapper indents). */
    private static String jsonLine(Verdict v) {
        try {
            return JSON_LINE.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final ObjectWriter JSON_LINE = ModelArtifact.JSON.writer().without(SerializationFeature.INDENT_OUTPUT);
}
