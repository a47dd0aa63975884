package org.triax.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench/report.py markdown} writes this CPU's section of BENCHMARKS.md (named by its model and
 * ISA flags), replaces it on the next run, and keeps every other CPU's section and the other
 * scripts' sections; the prediction table has the int8 row beside the float32 one.
 */
class BenchReportTest {
    private static final Path REPORT = Path.of("../bench/report.py");
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @Test
    void thisCpusSectionIsReplacedAndTheOthersKept(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "no " + PYTHON);
        Path results = dir.resolve("results.jsonl");
        Files.writeString(results, String.join("\n",
                "{\"bench\": \"predict\", \"engine\": \"triax-onnx\", \"design\": \"fused\", \"latency_p50_ms\": 0.3, "
                        + "\"latency_p99_ms\": 0.5, \"long_windows\": 1952, \"windows_per_s\": 4000}",
                "{\"bench\": \"predict\", \"engine\": \"triax-onnx-int8\", \"design\": \"fused\", \"latency_p50_ms\": 0.2, "
                        + "\"latency_p99_ms\": 0.4, \"long_windows\": 1952, \"windows_per_s\": 5000}",
                "{\"bench\": \"predict\", \"engine\": \"pytorch-python 1.13\", \"design\": \"fused\", \"latency_p50_ms\": 1.4, "
                        + "\"latency_p99_ms\": 9, \"long_windows\": 1952, \"windows_per_s\": 400}") + "\n");
        Path md = dir.resolve("BENCHMARKS.md");
        String other = "<!-- cpu-some-other-cpu-avx2:begin -->\n## CPU: Some Other CPU (AVX2)\n\nits figures\n"
                + "<!-- cpu-some-other-cpu-avx2:end -->\n";
        String health = "<!-- health:begin -->\n## 5. Health\n\nhealth figures\n<!-- health:end -->\n";
        Files.writeString(md, "# Benchmarks\n\nintro\n\n" + other + "\n" + health);
        report(results, md);
        report(results, md);
        String text = Files.readString(md);
        assertTrue(text.startsWith("# Benchmarks\n\nintro\n\n" + other), text);
        assertTrue(text.endsWith(health), text);
        List<String> headings = text.lines().filter(l -> l.startsWith("## CPU: ")).toList();
        assertEquals(2, headings.size(), text);
        String cpu = headings.get(1);
        assertTrue(cpu.matches("## CPU: .+ \\(.*(AVX2|none of them).*\\)"), cpu);
        assertTrue(text.indexOf(cpu) > text.indexOf(other) && text.indexOf(cpu) < text.indexOf(health), text);
        assertTrue(text.contains("| fused | triax-onnx | 0.30 | 0.50 | 4000 | 1.40 | 9.00 | 400 | **10.00x** | 1.00x |"), text);
        assertTrue(text.contains("| fused | triax-onnx-int8 | 0.20 | 0.40 | 5000 | 1.40 | 9.00 | 400 | **12.50x** | 1.25x |"), text);
    }

    private static void report(Path results, Path md) throws Exception {
        Process p = new ProcessBuilder(PYTHON.toString(), REPORT.toString(), "markdown", results.toString(), "test",
                md.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }
}
