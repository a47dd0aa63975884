package org.triax.studio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.triax.TriaxException;
import org.triax.signal.RecordingReaders;

/**
 * The folder tree a client may read. A client names files by their path relative to it; '..',
 * absolute paths and hidden names are refused, and the real path (symbolic links followed) must
 * still lie inside it.
 */
final class DataRoot {
    private final Path real;

    DataRoot(Path root) {
        try {
            this.real = root.toRealPath();
        } catch (IOException e) {
            throw new TriaxException("--data-root " + root + " does not exist or cannot be read", e);
        }
        if (!Files.isDirectory(real)) {
            throw new TriaxException("--data-root " + root + " is not a folder");
        }
    }

    Path path() {
        return real;
    }

    /**
     * The real path of {@code relative} (null or empty: the root itself).
     *
     * @throws HttpError 400 for '..', absolute or malformed paths; 404 when it does not exist,
     *     is hidden or leads outside the root
     */
    Path resolve(String relative) {
        if (relative == null || relative.isBlank() || relative.equals(".")) {
            return real;
        }
        if (relative.indexOf('\0') >= 0 || relative.indexOf('\\') >= 0) {
            throw HttpError.badRequest("bad path '" + relative.replace('\0', '?') + "'");
        }
        if (relative.startsWith("/") || relative.startsWith("~")) {
            throw HttpError.badRequest("paths are relative to the data root, got '" + relative + "'");
        }
        for (String part : relative.split("/")) {
            if (part.equals("..")) {
                throw HttpError.badRequest("'..' is not allowed in paths: '" + relative + "'");
            }
            if (part.startsWith(".")) {
                throw HttpError.notFound("no such file or folder: " + relative);
            }
        }
        Path p;
        try {
            p = real.resolve(relative).normalize().toRealPath();
        } catch (InvalidPathException e) {
            throw HttpError.badRequest("bad path '" + relative + "'");
        } catch (NoSuchFileException e) {
            throw HttpError.notFound("no such file or folder: " + relative);
        } catch (IOException e) {
            throw HttpError.notFound("cannot read " + relative);
        }
        if (!p.startsWith(real)) {
            throw HttpError.notFound("no such file or folder: " + relative); // a link out of the root
        }
        return p;
    }

    /** {@code p} (a real path inside the root) relative to the root, with '/'. */
    String relative(Path p) {
        return real.relativize(p).toString().replace('\\', '/');
    }

    /** A folder's sub-folders and recordings (hidden ones, and links that lead out, left out). */
    Map<String, Object> list(String relative) {
        Path dir = resolve(relative);
        if (!Files.isDirectory(dir)) {
            throw HttpError.badRequest(relative + " is not a folder");
        }
        List<Map<String, Object>> folders = new ArrayList<>();
        List<Map<String, Object>> recordings = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") || !inside(p)) {
                    continue;
                }
                String rel = relative(dir.resolve(name));
                if (Files.isDirectory(p)) {
                    folders.add(Map.of("name", name, "path", rel));
                } else if (RecordingReaders.isRecording(p)) {
                    recordings.add(Map.of("name", name, "path", rel, "bytes", Files.size(p)));
                }
            }
        } catch (IOException e) {
            throw HttpError.notFound("cannot list " + relative);
        }
        String rel = relative(dir);
        String parent = dir.equals(real) ? null : relative(dir.getParent());
        return Map.of("path", rel, "parent", parent == null ? "" : parent, "root", dir.equals(real),
                "folders", folders, "recordings", recordings,
                // one sub-folder per class: worth opening as a dataset
                "dataset", folders.size() >= 2);
    }

    private boolean inside(Path p) {
        try {
            return p.toRealPath().startsWith(real);
        } catch (IOException e) {
            return false;
        }
    }
}
