package org.triax.dataset;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.triax.TriaxException;

/**
 * Optional {@code triax.properties} in a dataset folder: what the files themselves do not say.
 * Keys: {@code fs} (Hz), {@code channels} (comma-separated names or indices), {@code variable}
 * (MAT variable / HDF5 dataset name or regex), {@code group-by} (regex on the recordings' relative
 * paths) or {@code groups} (manifest CSV, relative to the folder): see {@link Grouping}.
 * Command-line options win over it.
 */
public record DatasetProperties(double sampleRate, List<String> channels, String variable, Grouping grouping) {

    public static final String FILE_NAME = "triax.properties";
    public static final DatasetProperties NONE = new DatasetProperties(Double.NaN, List.of(), null, null);

    public static DatasetProperties read(Path datasetRoot) {
        Path file = datasetRoot.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return NONE;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new TriaxException(file + ": unreadable properties file (" + e.getMessage() + ")", e);
        }
        double fs = Double.NaN;
        String fsText = p.getProperty("fs");
        if (fsText != null) {
            try {
                fs = Double.parseDouble(fsText.trim());
            } catch (NumberFormatException e) {
                throw new TriaxException(file + ": fs must be a number in Hz, got '" + fsText + "'");
            }
            if (!(fs > 0) || Double.isInfinite(fs)) {
                throw new TriaxException(file + ": fs must be > 0 Hz, got " + fsText);
            }
        }
        String variable = p.getProperty("variable");
        variable = variable == null || variable.isBlank() ? null : variable.trim();
        String groupBy = p.getProperty("group-by");
        String groups = p.getProperty("groups");
        if (groupBy != null && groups != null) {
            throw new TriaxException(file + ": give either group-by (a regex) or groups (a manifest CSV), not both");
        }
        Grouping grouping = groupBy != null ? Grouping.byPattern(groupBy.trim())
                : groups != null ? Grouping.byManifest(datasetRoot.resolve(groups.trim())) : null;
        return new DatasetProperties(fs, parseList(p.getProperty("channels")), variable, grouping);
    }

    /** Splits "X, Y,Z" into [X, Y, Z]; null or blank gives an empty list. */
    public static List<String> parseList(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
