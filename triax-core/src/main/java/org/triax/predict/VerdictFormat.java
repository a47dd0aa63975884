package org.triax.predict;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.Locale;
import org.triax.TriaxException;
import org.triax.artifact.ModelArtifact;
import org.triax.artifact.UnknownState;

/**
 * Renders verdicts as an aligned table (the reason under a recording called unknown), CSV (one
 * row per recording) or JSON.
 */
public enum VerdictFormat {
    TABLE, CSV, JSON;

    public static VerdictFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TriaxException("unknown --format '" + text + "' (table, csv or json)");
        }
    }

    public String format(List<Verdict> verdicts) {
        return switch (this) {
            case TABLE -> table(verdicts);
            case CSV -> csv(verdicts);
            case JSON -> json(verdicts);
        };
    }

    private static String table(List<Verdict> vs) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-40s %-20s %7s %7s  %s%n",
                "recording", "verdict", "prob", "windows", "share of windows per class"));
        for (Verdict v : vs) {
            if (!v.ok()) {
                sb.append(String.format(Locale.ROOT, "%-40s %-20s %s%n", v.recording(), "ERROR", v.error()));
                continue;
            }
            StringBuilder share = new StringBuilder();
            for (int c = 0; c < v.classes().size(); c++) {
                share.append(String.format(Locale.ROOT, "%s%s %.0f%%", c == 0 ? "" : ", ", v.classes().get(c),
                        100 * v.windowShare()[c]));
            }
            sb.append(String.format(Locale.ROOT, "%-40s %-20s %7.3f %7d  %s%n", v.recording(), v.predicted(),
                    v.probability(), v.windows(), share));
            if (v.unknown()) {
                sb.append(String.format(Locale.ROOT, "%-40s %s%n", "", v.unknownState().reason()));
            }
        }
        return sb.toString();
    }

    private static String csv(List<Verdict> vs) {
        StringBuilder sb = new StringBuilder("recording,verdict,probability,windows");
        List<String> classes = vs.isEmpty() ? List.of() : vs.get(0).classes();
        for (String c : classes) {
            sb.append(",p_").append(c);
        }
        for (String c : classes) {
            sb.append(",share_").append(c);
        }
        sb.append(",unknown_share,unknown_distance,unknown_reason,error\n");
        for (Verdict v : vs) {
            sb.append(quote(v.recording())).append(',');
            if (!v.ok()) {
                sb.append(",,").append(",".repeat(2 * classes.size())).append(",,,,").append(quote(v.error())).append('\n');
                continue;
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
            sb.append(',').append(u == null ? "," : String.format(Locale.ROOT, "%.4f,%.4f", u.share(), u.distance()))
                    .append(',').append(u == null || u.reason() == null ? "" : quote(u.reason())).append(",\n");
        }
        return sb.toString();
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    private static String json(List<Verdict> vs) {
        try {
            return ModelArtifact.JSON.writeValueAsString(vs) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
