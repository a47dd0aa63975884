package org.triax.dataset;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.triax.TriaxException;

/**
 * Which recordings belong together (one machine, bearing, run, load...) and so must stay on one
 * side of a split: a regular expression on each recording's path relative to the dataset folder
 * (the first capture group when it has one, else the whole match), or a manifest CSV with
 * {@code file} and {@code group} columns ({@code file} relative to the dataset folder).
 *
 * @param rule the rule in words, saved with the model
 */
public record Grouping(String rule, Pattern pattern, Path manifest) {

    public static Grouping byPattern(String regex) {
        if (regex == null || regex.isBlank()) {
            throw new TriaxException("--group-by needs a regular expression on the recordings' relative paths");
        }
        try {
            return new Grouping("path regex " + regex, Pattern.compile(regex), null);
        } catch (PatternSyntaxException e) {
            throw new TriaxException("--group-by '" + regex + "' is not a valid regular expression: "
                    + e.getDescription());
        }
    }

    public static Grouping byManifest(Path csv) {
        return new Grouping("manifest " + csv.getFileName(), null, csv);
    }

    /** The group of every file of {@code index}, in its order; every file must have one. */
    public List<String> groupsOf(DatasetIndex index) {
        Map<String, String> listed = manifest == null ? Map.of() : readManifest(index);
        List<String> groups = new ArrayList<>(index.files().size());
        for (LabelledFile f : index.files()) {
            String g = pattern != null ? match(f) : listed.get(f.relativePath());
            if (g == null) {
                throw new TriaxException(manifest + " has no group for " + f.relativePath()
                        + " (every recording needs a row: file,group)");
            }
            groups.add(g);
        }
        return groups;
    }

    private String match(LabelledFile f) {
        Matcher m = pattern.matcher(f.relativePath());
        if (!m.find()) {
            throw new TriaxException("--group-by " + pattern + " does not match " + f.relativePath()
                    + " (it is searched in each recording's path relative to the dataset folder)");
        }
        String g = m.groupCount() > 0 ? m.group(1) : m.group();
        if (g == null || g.isEmpty()) {
            throw new TriaxException("--group-by " + pattern + " gives an empty group for " + f.relativePath());
        }
        return g;
    }

    private Map<String, String> readManifest(DatasetIndex index) {
        Path file = manifest.isAbsolute() ? manifest : index.root().resolve(manifest);
        if (!Files.isRegularFile(file)) {
            throw new TriaxException("group manifest " + file + " does not exist");
        }
        Map<String, String> groups = new HashMap<>();
        CsvMapper csv = new CsvMapper();
        try (MappingIterator<Map<String, String>> rows = csv.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader().withColumnSeparator(',').withNullValue(""))
                .readValues(file.toFile())) {
            while (rows.hasNext()) {
                Map<String, String> row = lowerKeys(rows.next());
                if (!row.containsKey("file") || !row.containsKey("group")) {
                    throw new TriaxException("group manifest " + file + " needs the columns file and group, it has "
                            + row.keySet());
                }
                String name = row.get("file") == null ? "" : row.get("file").trim().replace('\\', '/');
                String group = row.get("group") == null ? "" : row.get("group").trim();
                if (name.isEmpty() || group.isEmpty()) {
                    throw new TriaxException("group manifest " + file + ": a row has an empty file or group (" + row + ")");
                }
                String before = groups.put(name, group);
                if (before != null && !before.equals(group)) {
                    throw new TriaxException("group manifest " + file + " gives " + name + " two groups: " + before
                            + " and " + group);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof TriaxException te) {
                throw te;
            }
            throw new TriaxException("group manifest " + file + " is not a readable CSV: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        return groups;
    }

    private static Map<String, String> lowerKeys(Map<String, String> row) {
        Map<String, String> out = new HashMap<>();
        row.forEach((k, v) -> out.put(k.trim().toLowerCase(Locale.ROOT), v));
        return out;
    }
}
