package org.triax.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.triax.TriaxException;
import org.triax.artifact.EpochStats;
import org.triax.artifact.ModelArtifact;
import org.triax.io.AtomicFiles;

/**
 * One checkpoint: a run's {@link TrainingState} after an epoch and the run it belongs to. Binary,
 * big-endian: magic {@code TRIAXCKP}, version, the description as JSON, the current and best
 * weights, the optimizer moments per parameter, and a CRC-32C of everything before it. Written
 * through {@link AtomicFiles}, so a kill while writing leaves the previous checkpoint only.
 *
 * @param run the run's key: data, preprocessing and training settings (all but the epoch count)
 * @param design the design's label
 */
record CheckpointFile(String run, String design, TrainingState state) {
    static final String EXTENSION = ".ckpt";
    private static final byte[] MAGIC = "TRIAXCKP".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    /** The JSON part. */
    record Description(String run, String design, int epoch, int bestEpoch, int adamSteps, double seconds,
                       List<EpochStats> history) {
    }

    void save(Path file) {
        TrainingState s = state;
        AtomicFiles.write(file, raw -> {
            CheckedOutputStream checked = new CheckedOutputStream(raw, new CRC32C());
            DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(checked));
            out.write(MAGIC);
            out.writeInt(VERSION);
            bytes(out, ModelArtifact.JSON.writeValueAsBytes(new Description(run, design, s.epoch(), s.bestEpoch(),
                    s.adamSteps(), s.seconds(), s.history())));
            bytes(out, s.weights());
            bytes(out, s.best());
            out.writeInt(s.moments().size());
            for (Map.Entry<String, ResumableAdam.Moments> m : s.moments().entrySet()) {
                out.writeUTF(m.getKey());
                floats(out, m.getValue().mean());
                floats(out, m.getValue().variance());
            }
            out.flush();
            new DataOutputStream(raw).writeLong(checked.getChecksum().getValue());
        });
    }

    static CheckpointFile read(Path file) {
        try (InputStream raw = new java.io.BufferedInputStream(Files.newInputStream(file))) {
            CheckedInputStream checked = new CheckedInputStream(raw, new CRC32C());
            DataInputStream in = new DataInputStream(checked);
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new TriaxException(file + ": not a triax checkpoint");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new TriaxException(file + ": checkpoint version " + version + ", this triax reads " + VERSION);
            }
            Description d = ModelArtifact.JSON.readValue(bytes(in), Description.class);
            byte[] weights = bytes(in);
            byte[] best = bytes(in);
            int n = in.readInt();
            Map<String, ResumableAdam.Moments> moments = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                moments.put(in.readUTF(), new ResumableAdam.Moments(floats(in), floats(in)));
            }
            long computed = checked.getChecksum().getValue();
            if (new DataInputStream(raw).readLong() != computed || raw.read() != -1) {
                throw new TriaxException(file + ": damaged checkpoint (checksum mismatch); resume from an earlier one "
                        + "or train without --resume");
            }
            return new CheckpointFile(d.run(), d.design(), new TrainingState(d.epoch(), weights, best, d.bestEpoch(),
                    List.copyOf(d.history()), d.adamSteps(), moments, d.seconds()));
        } catch (EOFException e) {
            throw new TriaxException(file + ": truncated checkpoint; resume from an earlier one or train without --resume", e);
        } catch (IOException e) {
            throw new TriaxException(file + ": unreadable checkpoint (" + e.getMessage() + ")", e);
        }
    }

    private static void bytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("negative length " + n);
        }
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new EOFException();
        }
        return b;
    }

    private static void floats(DataOutputStream out, float[] v) throws IOException {
        out.writeInt(v.length);
        for (float f : v) {
            out.writeFloat(f);
        }
    }

    private static float[] floats(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("negative length " + n);
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = in.readFloat();
        }
        return v;
    }
}
