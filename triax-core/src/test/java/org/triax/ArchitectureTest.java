package org.triax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering the README describes: each stage imports only the stages below it. A new package
 * must be given its place here.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/org/triax");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?org\\.triax\\.([a-z]+)\\.", Pattern.MULTILINE);

    /** Stage -> the stages it may import (the root package, TriaxException, is open to all). */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("io", Set.of()),
            Map.entry("signal", Set.of("io")),
            Map.entry("dataset", Set.of("io", "signal")),
            Map.entry("model", Set.of()),
            Map.entry("report", Set.of("io")),
            Map.entry("artifact", Set.of("io", "signal", "dataset", "model")),
            Map.entry("onnx", Set.of("io", "signal", "dataset", "model", "artifact")),
            Map.entry("train", Set.of("io", "signal", "dataset", "model", "artifact", "report", "onnx")),
            Map.entry("predict", Set.of("io", "signal", "dataset", "model", "artifact", "onnx")),
            Map.entry("health", Set.of("io", "signal", "dataset", "model", "artifact", "report", "onnx")),
            // the studio is a second shell beside cli: it serves the same library calls over HTTP
            Map.entry("studio", Set.of("io", "signal", "dataset", "model", "artifact", "report", "onnx", "train", "predict",
                    "health")),
            Map.entry("cli", Set.of("io", "signal", "dataset", "model", "artifact", "report", "onnx", "train", "predict",
                    "health", "studio")));

    @Test
    void everyStageImportsOnlyTheStagesBelowIt() throws IOException {
        List<String> violations = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path rel = MAIN.relativize(f);
                if (rel.getNameCount() < 2) {
                    continue; // the root package
                }
                String stage = rel.getName(0).toString();
                seen.add(stage);
                Set<String> allowed = ALLOWED.get(stage);
                assertTrue(allowed != null, "package org.triax." + stage + " has no place in the layering: add it");
                Matcher m = IMPORT.matcher(Files.readString(f));
                while (m.find()) {
                    String used = m.group(1);
                    if (!used.equals(stage) && !allowed.contains(used)) {
                        violations.add(rel + " imports org.triax." + used);
                    }
                }
            }
        }
        assertEquals(new TreeSet<>(ALLOWED.keySet()), seen, "every stage in the layering exists");
        assertEquals(List.of(), violations);
    }
}
