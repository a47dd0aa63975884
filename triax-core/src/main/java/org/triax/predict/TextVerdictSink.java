package org.triax.predict;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.triax.TriaxException;
import org.triax.artifact.ModelArtifact;
import org.triax.io.AtomicFiles;

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
    private final Path partial;
    private final FileChannel channel;
    private final Set<String> scored;
    /** The JSON array's verdicts, written at the end. */
    private final List<Verdict> whole = new ArrayList<>();
    private boolean finished;

    private TextVerdictSink(VerdictFormat format, List<String> classes, PrintStream stdout, Path output,
                            FileChannel channel, Set<String> scored) {
        this.format = format;
        this.classes = List.copyOf(classes);
        this.stdout = stdout;
        this.output = output;
        this.partial = output == null ? null : partialOf(output);
        this.channel = channel;
        this.scored = Set.copyOf(scored);
    }

    /** The hidden name a file is written under until the batch completes. */
    static Path partialOf(Path output) {
        return output.toAbsolutePath().resolveSibling("." + output.getFileName() + ".partial");
    }

    static TextVerdictSink open(VerdictFormat format, Path output, PrintStream stdout, List<String> classes,
                                boolean resume) {
        if (output == null) {
            TextVerdictSink s = new TextVerdictSink(format, classes, stdout, null, null, Set.of());
            s.emit(format.streams() ? format.header(classes) : "");
            return s;
        }
        Path partial = partialOf(output);
        if (Files.exists(output)) {
            throw new TriaxException(resume ? output + " is complete: nothing to resume (write new recordings to "
                    + "another --output)" : output + " already exists; not overwriting it");
        }
        boolean continuing = resume && Files.exists(partial);
        if (!resume && Files.exists(partial)) {
            throw new TriaxException(partial + " holds the rows of an interrupted run: add --resume to continue it "
                    + "(or delete it to start again)");
        }
        try {
            Files.createDirectories(partial.getParent());
            FileChannel ch = FileChannel.open(partial, StandardOpenOption.WRITE,
                    continuing ? StandardOpenOption.CREATE : StandardOpenOption.CREATE_NEW);
            try {
                Set<String> done = continuing ? resume(ch, partial, format, classes) : Set.of();
                TextVerdictSink s = new TextVerdictSink(format, classes, stdout, output, ch, done);
                if (ch.size() == 0 && format.streams()) {
                    s.emit(format.header(classes));
                }
                return s;
            } catch (RuntimeException | IOException e) {
                ch.close();
                throw e;
            }
        } catch (IOException e) {
            throw new TriaxException("cannot write " + partial + ": " + e.getMessage(), e);
        }
    }

    /**
     * The recordings in an interrupted run's complete rows; a torn last line (no newline) is cut,
     * and the channel left at the end, to append.
     */
    private static Set<String> resume(FileChannel ch, Path partial, VerdictFormat format, List<String> classes)
            throws IOException {
        byte[] bytes = Files.readAllBytes(partial);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        ch.truncate(end);
        ch.position(end);
        List<String> lines = new String(bytes, 0, end, StandardCharsets.UTF_8).lines().toList();
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
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                throw new TriaxException("cannot write " + partial + ": " + e.getMessage(), e);
            }
            AtomicFiles.publishWritten(partial, output);
        } else {
            stdout.flush();
        }
        finished = true;
    }

    private void emit(String text) {
        if (channel == null) {
            stdout.print(text);
            stdout.flush();
            return;
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                channel.write(b);
            }
        } catch (IOException e) {
            throw new TriaxException("cannot write " + partial + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (channel != null && !finished) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the rows written so far are in the OS already; --resume reads them
            }
        }
    }
}
