package org.triax.io;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.triax.TriaxException;

/**
 * A base name in a folder, held by one writer until it closes this: the first candidate for which
 * no output file exists and whose hidden marker {@code .<base>.reserved} this process created (an
 * atomic create-new). Two runs started in the same second therefore get different names, and a
 * name whose files are finished stays taken because they exist. A marker left by a killed run only
 * makes later runs skip that name.
 */
public final class ReservedName implements AutoCloseable {
    private final Path dir;
    private final String base;
    private final Path marker;

    private ReservedName(Path dir, String base, Path marker) {
        this.dir = dir;
        this.base = base;
        this.marker = marker;
    }

    /**
     * @param candidates base names in order of preference
     * @param suffixes the files that will be written as {@code base + suffix}; the name is free only
     *     when none of them exists
     */
    public static ReservedName first(Path dir, Iterable<String> candidates, List<String> suffixes) {
        try {
            Files.createDirectories(dir);
            for (String base : candidates) {
                Path marker = markerOf(dir, base);
                try {
                    Files.createFile(marker);
                } catch (FileAlreadyExistsException taken) {
                    continue;
                }
                // checked after the marker exists: a finished writer's files are in place before it lets go
                if (suffixes.stream().noneMatch(s -> Files.exists(dir.resolve(base + s)))) {
                    return new ReservedName(dir, base, marker);
                }
                Files.delete(marker);
            }
        } catch (IOException e) {
            throw new TriaxException("cannot reserve an output name in " + dir + ": " + e.getMessage(), e);
        }
        throw new TriaxException("no free output name in " + dir);
    }

    /**
     * The first free name of the seconds from {@code time} on (a taken second moves to the next),
     * each second named by {@code namer}; at most a day ahead.
     */
    public static ReservedName bySecond(Path dir, LocalDateTime time, Function<LocalDateTime, String> namer,
                                        List<String> suffixes) {
        LocalDateTime start = time.withNano(0);
        Iterable<String> seconds = () -> Stream.iterate(start, t -> t.plusSeconds(1)).limit(86_400).map(namer).iterator();
        return first(dir, seconds, suffixes);
    }

    private static Path markerOf(Path dir, String base) {
        return dir.resolve("." + base + ".reserved");
    }

    /**
     * Drops the marker a killed writer left on {@code base} in {@code dir}, for the run that takes
     * over its files (it only keeps later runs off a name whose files exist anyway).
     */
    public static void clearLeft(Path dir, String base) {
        AtomicFiles.deleteQuietly(markerOf(dir, base));
    }

    public String base() {
        return base;
    }

    /** The output file {@code base + suffix} in the folder. */
    public Path file(String suffix) {
        return dir.resolve(base + suffix);
    }

    @Override
    public void close() {
        AtomicFiles.deleteQuietly(marker);
    }
}
