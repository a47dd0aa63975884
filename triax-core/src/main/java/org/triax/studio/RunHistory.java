package org.triax.studio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.triax.TriaxException;
import org.triax.io.AtomicFiles;

/**
 * The training runs of earlier server sessions, kept beside the models in {@code .triax-runs/}:
 * {@code <id>.started.json} when a run starts, {@code <id>.json} (the whole run: log, curves,
 * outcomes) when it ends, each written once through {@link AtomicFiles}. A run with a start but no
 * end was cut off by the server stopping, and is listed as failed, interrupted; a run cancelled
 * while queued has an end only.
 */
final class RunHistory {
    static final String FOLDER = ".triax-runs";
    private static final String STARTED = ".started.json";
    private static final String ENDED = ".json";
    private final Path dir;
    private final PrintStream console;

    RunHistory(Path models, PrintStream console) {
        this.dir = models.resolve(FOLDER);
        this.console = console;
    }

    void started(TrainingRun run) {
        write(run.id + STARTED, run.snapshot());
    }

    void ended(TrainingRun run) {
        write(run.id + ENDED, run.snapshot());
    }

    private void write(String name, Map<String, Object> content) {
        try {
            Files.createDirectories(dir);
            AtomicFiles.write(dir.resolve(name), Json.MAPPER.writeValueAsBytes(content));
        } catch (IOException | TriaxException e) {
            // the run itself is unaffected: only its record after a restart is missing
            console.println("triax studio: cannot record training run " + name + " in " + dir + ": " + e.getMessage());
        }
    }

    /** The runs recorded by earlier sessions, oldest first; unreadable records are skipped with a line. */
    List<TrainingRun> load() {
        List<TrainingRun> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        Set<String> ids = new TreeSet<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(ENDED))
                    .forEach(n -> ids.add(n.endsWith(STARTED) ? n.substring(0, n.length() - STARTED.length())
                            : n.substring(0, n.length() - ENDED.length())));
        } catch (IOException e) {
            console.println("triax studio: cannot read the run history in " + dir + ": " + e.getMessage());
            return out;
        }
        for (String id : ids) {
            Path end = dir.resolve(id + ENDED);
            boolean interrupted = !Files.isRegularFile(end);
            Path record = interrupted ? dir.resolve(id + STARTED) : end;
            try {
                out.add(TrainingRun.restore(read(record), interrupted));
            } catch (IOException | RuntimeException e) {
                console.println("triax studio: skipping unreadable run record " + record + ": " + e.getMessage());
            }
        }
        out.sort(Comparator.comparingLong(r -> idNumber(r.id)));
        return out;
    }

    private static Map<String, Object> read(Path file) throws IOException {
        try {
            return Json.MAPPER.readValue(Files.readAllBytes(file), new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            throw new IOException("not a run record (" + e.getOriginalMessage() + ")", e);
        }
    }

    static long idNumber(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
