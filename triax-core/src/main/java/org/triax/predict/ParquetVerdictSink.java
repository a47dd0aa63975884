package org.triax.predict;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.KeyValue;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.triax.TriaxException;
import org.triax.artifact.ModelArtifact;
import org.triax.io.AtomicFiles;

/**
 * Verdicts as Parquet: a folder of part files ({@code part-00000.parquet}, ...) of up to
 * {@link #PART_ROWS} rows each, every part written whole ({@link AtomicFiles}) as soon as it is
 * full, and {@code _SUCCESS} when the batch completes, the layout Spark and other Parquet readers
 * take as one table. A part is never appended to, so no reader meets a part without its footer;
 * {@code --resume} reads which recordings the parts hold (from each footer's
 * {@code triax.recordings}, so that no Hadoop classes are needed) and adds new parts, refusing parts
 * another model or other options wrote ({@code triax.origin}).
 * Columns: those of the CSV output (recording, verdict, probability, windows, p_CLASS and share_CLASS
 * per class, unknown_share, unknown_distance, unknown_reason, error), empty ones null.
 */
final class ParquetVerdictSink implements VerdictSink {
    /** Rows per part: a crash costs at most this many recordings scored again. */
    static final int PART_ROWS = 1000;
    static final String RECORDINGS_KEY = "triax.recordings";
    static final String ORIGIN_KEY = "triax.origin";
    static final String SUCCESS = "_SUCCESS";

    private final Path dir;
    private final List<String> classes;
    private final MessageType schema;
    private final Set<String> scored;
    private final List<Verdict> rows = new ArrayList<>();
    private final int partRows;
    private final String origin;
    private int nextPart;
    private boolean wroteAny;

    private ParquetVerdictSink(Path dir, List<String> classes, Set<String> scored, int nextPart, int partRows, String origin) {
        this.dir = dir;
        this.origin = origin;
        this.partRows = partRows;
        this.classes = List.copyOf(classes);
        this.schema = schema(classes);
        this.scored = Set.copyOf(scored);
        this.nextPart = nextPart;
        this.wroteAny = nextPart > 0;
    }

    static MessageType schema(List<String> classes) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        b.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("recording");
        b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("verdict");
        b.optional(PrimitiveTypeName.DOUBLE).named("probability");
        b.required(PrimitiveTypeName.INT32).named("windows");
        for (String c : classes) {
            b.optional(PrimitiveTypeName.DOUBLE).named("p_" + c);
        }
        for (String c : classes) {
            b.optional(PrimitiveTypeName.DOUBLE).named("share_" + c);
        }
        b.optional(PrimitiveTypeName.DOUBLE).named("unknown_share");
        b.optional(PrimitiveTypeName.DOUBLE).named("unknown_distance");
        b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("unknown_reason");
        b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("error");
        return b.named("verdict");
    }

    static ParquetVerdictSink open(Path dir, List<String> classes, boolean resume, String origin) {
        return open(dir, classes, resume, origin, PART_ROWS);
    }

    static ParquetVerdictSink open(Path dir, List<String> classes, boolean resume, String origin, int partRows) {
        List<Path> parts = parts(dir);
        if (Files.exists(dir.resolve(SUCCESS))) {
            throw new TriaxException(resume ? dir + " is complete: nothing to resume (write new recordings to another "
                    + "--output)" : dir + " already exists; not overwriting it");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new TriaxException(dir + " is a file: --format parquet writes a folder of parts, give a new name");
        }
        if (!resume && !parts.isEmpty()) {
            throw new TriaxException(dir + " holds the parts of an interrupted run: add --resume to continue it "
                    + "(or delete it to start again)");
        }
        Set<String> done = new HashSet<>();
        for (Path p : parts) {
            Map<String, String> footer = footer(p);
            String by = footer.get(ORIGIN_KEY);
            if (by != null && !by.equals(origin)) {
                throw new TriaxException(p + " was written by another model or with other options (" + by + "; this run: "
                        + origin + "): resume with the interrupted run's model and options, or write to another --output");
            }
            done.addAll(recordings(p, footer));
        }
        return new ParquetVerdictSink(dir, classes, done, parts.size(), partRows, origin);
    }

    /** The complete parts in {@code dir}, in order (temporary files of a part being written are hidden). */
    private static List<Path> parts(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("part-\\d{5}\\.parquet")).sorted().toList();
        } catch (IOException e) {
            throw new TriaxException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The recordings a part holds, from its footer. */
    static List<String> recordings(Path part) {
        return recordings(part, footer(part));
    }

    private static List<String> recordings(Path part, Map<String, String> footer) {
        String keys = footer.get(RECORDINGS_KEY);
        if (keys == null) {
            throw new TriaxException(part + ": no " + RECORDINGS_KEY + " in its footer: not a part written by triax predict");
        }
        try {
            return List.of(ModelArtifact.JSON.readValue(keys, String[].class));
        } catch (IOException e) {
            throw new TriaxException(part + ": unreadable " + RECORDINGS_KEY + " (" + e.getMessage() + "); delete it to "
                    + "score its recordings again", e);
        }
    }

    /** A part's key-value metadata, from its footer (length and "PAR1" at the very end). */
    private static Map<String, String> footer(Path part) {
        try (SeekableByteChannel ch = Files.newByteChannel(part)) {
            ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            ch.position(ch.size() - 8).read(tail);
            int length = tail.getInt(0);
            ByteBuffer footer = ByteBuffer.allocate(length);
            ch.position(ch.size() - 8 - length);
            while (footer.hasRemaining() && ch.read(footer) > 0) {
                // read the whole footer
            }
            FileMetaData meta = Util.readFileMetaData(new java.io.ByteArrayInputStream(footer.array()));
            Map<String, String> kvs = new java.util.HashMap<>();
            for (KeyValue kv : meta.getKey_value_metadata() == null ? List.<KeyValue>of() : meta.getKey_value_metadata()) {
                kvs.put(kv.getKey(), kv.getValue());
            }
            return kvs;
        } catch (IOException | RuntimeException e) {
            throw e instanceof TriaxException t ? t
                    : new TriaxException(part + ": unreadable Parquet part (" + e.getMessage() + "); delete it to score "
                    + "its recordings again", e);
        }
    }

    @Override
    public Set<String> scored() {
        return scored;
    }

    @Override
    public void write(Verdict v) {
        rows.add(v);
        if (rows.size() == partRows) {
            writePart();
        }
    }

    @Override
    public void finish() {
        if (!rows.isEmpty() || !wroteAny) {
            writePart(); // an empty batch still leaves one part: the schema
        }
        AtomicFiles.write(dir.resolve(SUCCESS), new byte[0]);
    }

    @Override
    public void close() {
        // parts are written whole; rows not yet in one are scored again by --resume
    }

    private void writePart() {
        Path part = dir.resolve(String.format("part-%05d.parquet", nextPart));
        List<String> keys = rows.stream().map(Verdict::recording).toList();
        AtomicFiles.write(part, out -> {
            SimpleGroupFactory groups = new SimpleGroupFactory(schema);
            try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new StreamOutputFile(out))
                    .withConf(new PlainParquetConfiguration())
                    .withCodecFactory(new UncompressedCodecs())
                    .withType(schema)
                    .withExtraMetaData(Map.of(RECORDINGS_KEY, ModelArtifact.JSON.writeValueAsString(keys), ORIGIN_KEY, origin))
                    .build()) {
                for (Verdict v : rows) {
                    w.write(group(groups.newGroup(), v));
                }
            }
        });
        nextPart++;
        wroteAny = true;
        rows.clear();
    }

    private Group group(Group g, Verdict v) {
        g.append("recording", v.recording()).append("windows", v.windows());
        if (!v.ok()) {
            return g.append("error", v.error());
        }
        g.append("verdict", v.predicted()).append("probability", v.probability());
        for (int c = 0; c < classes.size(); c++) {
            g.append("p_" + classes.get(c), v.meanProbabilities()[c]);
        }
        for (int c = 0; c < classes.size(); c++) {
            g.append("share_" + classes.get(c), v.windowShare()[c]);
        }
        if (v.unknownState() != null) {
            g.append("unknown_share", v.unknownState().share()).append("unknown_distance", v.unknownState().distance());
            if (v.unknownState().reason() != null) {
                g.append("unknown_reason", v.unknownState().reason());
            }
        }
        return g;
    }

    /** Parquet's output file over the stream {@link AtomicFiles} gives (written once, front to back). */
    private record StreamOutputFile(OutputStream out) implements OutputFile {
        @Override
        public PositionOutputStream create(long blockSizeHint) {
            return new PositionOutputStream() {
                private long pos;

                @Override
                public long getPos() {
                    return pos;
                }

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    pos++;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    pos += len;
                }

                @Override
                public void close() throws IOException {
                    out.flush(); // AtomicFiles closes the file after the fsync
                }
            };
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            return create(blockSizeHint);
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }
    }
}
