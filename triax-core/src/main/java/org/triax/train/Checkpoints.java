package org.triax.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.triax.TriaxException;
import org.triax.io.AtomicFiles;
import org.triax.model.Design;

/**
 * The checkpoints of one design of one run, in {@code OUT/.triax-checkpoints/<run>/}:
 * {@code epoch-NNNN.ckpt} after every completed epoch (the previous one deleted once the new one
 * is in place), and {@code model} (the model file's name) once the model is written, so that a
 * resumed run neither trains nor writes that design twice. The run key covers the data, the
 * preprocessing and every training option but the epoch count (a run can be resumed with more
 * epochs).
 */
final class Checkpoints implements EpochCheckpoints {
    static final String FOLDER = ".triax-checkpoints";
    private static final String MODEL = "model";

    private final Path dir;
    private final String run;
    private final Design design;
    private final TrainingState resume;

    private Checkpoints(Path dir, String run, Design design, TrainingState resume) {
        this.dir = dir;
        this.run = run;
        this.design = design;
        this.resume = resume;
    }

    /**
     * The checkpoints of {@code design} under {@code outDir}; {@code run} names the run and design. With {@code resume} the newest one
     * there (or the one {@code from} names, a checkpoint file or its folder) is the state to
     * continue from; without, an earlier interrupted run's checkpoints are discarded (with a note).
     */
    static Checkpoints open(Path outDir, String run, Design design, boolean resume, Path from, PrintStream log) {
        Path dir = outDir.resolve(FOLDER).resolve(run);
        Path file = null;
        CheckpointFile c = null;
        if (resume && from != null) {
            file = Files.isDirectory(from) ? newest(from) : from;
            if (file == null) {
                throw new TriaxException("--resume " + from + ": no checkpoint (epoch-NNNN" + CheckpointFile.EXTENSION
                        + ") in that folder");
            }
            c = CheckpointFile.read(file);
            if (!c.design().equals(design.label())) {
                return open(outDir, run, design, true, null, log); // the file is another design's: this one resumes from OUT
            }
            dir = file.toAbsolutePath().getParent();
        } else if (resume) {
            file = newest(dir);
            c = file == null ? null : CheckpointFile.read(file);
        }
        if (!resume && Files.exists(dir)) {
            log.println("note: discarding the checkpoints of an earlier interrupted run of the same " + design.label()
                    + " design in " + dir + " (--resume continues it instead)");
            delete(dir);
        }
        TrainingState state = null;
        if (c != null) {
            if (!c.run().equals(run) || !c.design().equals(design.label())) {
                throw new TriaxException(file + " is a checkpoint of another run (its data, preprocessing or training "
                        + "options differ from these): give the options it was trained with, or train without --resume");
            }
            state = c.state();
            log.printf("%s: resuming from %s (epoch %d completed)%n", design.label(), file, state.epoch());
        } else if (resume) {
            log.printf("%s: no checkpoint in %s: training from epoch 1%n", design.label(), dir);
        }
        return new Checkpoints(dir, run, design, state);
    }

    @Override
    public TrainingState resumeFrom() {
        return resume;
    }

    @Override
    public void completed(TrainingState state) {
        Path file = dir.resolve(String.format(Locale.ROOT, "epoch-%04d%s", state.epoch(), CheckpointFile.EXTENSION));
        new CheckpointFile(run, design.label(), state).save(file);
        for (Path old : checkpoints(dir)) {
            if (!old.equals(file)) {
                try {
                    Files.deleteIfExists(old);
                } catch (IOException e) {
                    throw new TriaxException("cannot delete the older checkpoint " + old + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** The model this design already wrote in an interrupted run (null: none). */
    Path finishedModel(Path outDir) {
        Path marker = dir.resolve(MODEL);
        try {
            if (Files.exists(marker)) {
                Path model = outDir.resolve(Files.readString(marker, StandardCharsets.UTF_8).strip());
                return Files.isRegularFile(model) ? model : null;
            }
        } catch (IOException e) {
            throw new TriaxException("cannot read " + marker + ": " + e.getMessage(), e);
        }
        return null;
    }

    /** Records that the model is written (a resume then skips this design). */
    void finished(Path model) {
        AtomicFiles.write(dir.resolve(MODEL), model.getFileName().toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Deletes this design's checkpoints (the run is complete), and the folder of all runs when it is empty. */
    void discard() {
        delete(dir);
        try (Stream<Path> rest = Files.list(dir.getParent())) {
            if (rest.findAny().isEmpty()) {
                Files.deleteIfExists(dir.getParent());
            }
        } catch (IOException ignored) {
            // another run's checkpoints keep the folder
        }
    }

    private static Path newest(Path dir) {
        List<Path> all = checkpoints(dir);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    private static List<Path> checkpoints(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("epoch-\\d{4,}\\" + CheckpointFile.EXTENSION))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new TriaxException("cannot list checkpoints in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void delete(Path dir) {
        AtomicFiles.deleteTree(dir);
    }
}
