package org.triax.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * org.triax.spark is a shell on top of the core (the core cannot import it: another module). It
 * may import the stages whose classes run without the libraries the job jar leaves out (DJL and
 * PyTorch, JFreeChart, Jetty): not model, train, report, health or studio.
 */
class SparkLayeringTest {
    private static final Path MAIN = Path.of("src/main/java/org/triax/spark");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?org\\.triax\\.([a-z]+)\\.", Pattern.MULTILINE);
    private static final Set<String> ALLOWED = Set.of("io", "signal", "dataset", "artifact", "onnx", "predict", "cli", "spark");

    @Test
    void importsOnlyWhatTheJobJarCanRun() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = IMPORT.matcher(Files.readString(f));
                while (m.find()) {
                    if (!ALLOWED.contains(m.group(1))) {
                        violations.add(f.getFileName() + " imports org.triax." + m.group(1));
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }
}
