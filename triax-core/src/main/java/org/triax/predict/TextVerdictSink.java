package org.triax.predict;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.triax.TriaxException;
import org.triax.artifact.ModelArtifact;
import org.triax.io.PartialFile;

/**
 * Verdicts as text on a stream or in a file. Table, CSV and JSON lines are written row by row as
 * they come; a JSON array is written whole at the end. A file is written as {@code .<name>.partial}
 * beside it, each row handed to the OS as it comes (a killed process loses at most the row being
 * written), and published under its name, whole, when the batch finishes. {@code --resume} reads
 * the partial file's complete rows, cuts a torn last line, and appends.
 */
final class TextVerdictSink implements VerdictSink {
    private final VerdictFormat format;
    private final List<String> classes;
    private final PrintStream stdout;
    private final Path output;
    private final PartialFile file;
    private final Set<String> scored;
    /** The JSON array's verdicts, written at the end. */
    private final List<Verdict> whole = new ArrayList<>();
    private boolean finished;

    private TextVerdictSink(VerdictFormat format, List<String> classes, PrintStream stdout, Path output,
                            PartialFile file, Set<String> scored) {
        this.format = format;
        this.classes = List.copyOf(classes);
        this.stdout = stdout;
        this.output = output;
        this.file = file;
        this.scored = Set.copyOf(scored);
    }

    static TextVerdictSink open(VerdictFormat format, Path output, PrintStream stdout, List<String> classes,
                                boolean resume, String origin) {
        if (output == null) {
            TextVerdictSink s = new TextVerdictSink(format, classes, stdout, null, null, Set.of());
            s.emit(format.streams() ? format.header(classes) : "");
            return s;
        }
        Path partial = PartialFile.partialOf(output);
        if (Files.exists(output)) {
            throw new TriaxException(resume ? output + " is complete: nothing to resume (write new recordings to "
                    + "another --output)" : output + " already exists; not overwriting it");
        }
        boolean continuing = resume && Files.exists(partial);
        if (!resume && Files.exists(partial)) {
            throw new TriaxException(partial + " holds the rows of an interrupted run: add --resume to continue it "
                    + "(or delete it to start again)");
        }
        PartialFile file = continuing ? PartialFile.resume(output, origin) : PartialFile.create(output, origin);
        try {
            Set<String> done = continuing ? resume(file.lines(), partial, format, classes) : Set.of();
            TextVerdictSink s = new TextVerdictSink(format, classes, stdout, output, file, done);
            if (file.size() == 0 && format.streams()) {
                s.emit(format.header(classes));
            }
            return s;
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** The recordings in an interrupted run's complete lines. */
    private static Set<String> resume(String text, Path partial, VerdictFormat format, List<String> classes) {
        List<String> lines = text.lines().toList();
        Set<String> done = new HashSet<>();
        int first = 0;
        if (format == VerdictFormat.CSV && !lines.isEmpty()) {
            String header = format.header(classes).strip();
            if (!lines.get(0).equals(header)) {
                throw new TriaxException(partial + " was not written by this model (its header is '" + lines.get(0)
                        + "', this model's '" + header + "'): give another --output");
            }
            first = 1;
        }
        for (String line : lines.subList(first, lines.size())) {
            done.add(format == VerdictFormat.CSV ? firstCsvField(line) : jsonRecording(partial, line));
        }
        return done;
    }

    /** The first field of a CSV line as {@link VerdictFormat} writes it (quoted when it holds , " or a newline). */
    static String firstCsvField(String line) {
        if (!line.startsWith("\"")) {
            int comma = line.indexOf(',');
            return comma < 0 ? line : line.substring(0, comma);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    sb.append('"');
                    i++;
                } else {
                    break;
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String jsonRecording(Path partial, String line) {
        try {
            String r = ModelArtifact.JSON.readTree(line).path("recording").asText(null);
            if (r == null) {
                throw new TriaxException(partial + ": a line without \"recording\": not a triax predict output");
            }
            return r;
        } catch (JsonProcessingException e) {
            throw new TriaxException(partial + ": not JSON lines (" + e.getOriginalMessage() + ")", e);
        }
    }

    @Override
    public Set<String> scored() {
        return scored;
    }

    @Override
    public void write(Verdict v) {
        if (format.streams()) {
            emit(format.row(v, classes));
        } else {
            whole.add(v);
        }
    }

    @Override
    public void finish() {
        if (!format.streams()) {
            emit(format.format(whole));
        }
        if (file != null) {
            file.publish(output);
        } else {
            stdout.flush();
        }
        finished = true;
    }

    private void emit(String text) {
        if (file == null) {
            stdout.print(text);
            stdout.flush();
            return;
        }
        file.append(text);
    }

    @Override
    public void close() {
        if (file != null && !finished) {
            file.close(); // the rows written so far stay, for --resume
        }
    }
}
