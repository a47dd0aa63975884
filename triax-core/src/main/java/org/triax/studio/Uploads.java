package org.triax.studio;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.triax.TriaxException;
import org.triax.signal.RecordingInput;

/**
 * Recordings uploaded for prediction: multipart/form-data (any number of files) or a raw body named
 * by {@code ?filename=}. A request's first {@link #IN_MEMORY} bytes stay in memory, read from
 * there under their (cleaned) names, so that the readers pick the format by extension and a short
 * recording costs no file; the rest is saved to a folder of the request, one file per recording.
 * More than {@code max} bytes in all is refused (413) before or while reading.
 */
final class Uploads {
    /** Bytes of one request held in memory: at most {@link Predictions#KEPT} kept batches of it. */
    static final long IN_MEMORY = 4L << 20;

    /** One uploaded recording: the name the client gave it (cleaned) and its bytes, in memory or in a file. */
    record Upload(String name, RecordingInput input) {
        /** The one-line error, naming the recording as the client named it (no server path). */
        String message(TriaxException e) {
            String m = TriaxException.oneLine(e.getMessage());
            return input.inMemory() ? m : m.replace(input.path().getParent() + "/", "");
        }
    }

    /** Set on a request once Jetty's multipart parser has read from its body (what is left may be half a part). */
    static final String MULTIPART_READ = "triax.multipartRead";

    private final long max;

    Uploads(long max) {
        this.max = max;
    }

    long max() {
        return max;
    }

    /** What is left of a request's allowance, in all and in memory; and where its files go, made when needed. */
    static final class Budget {
        private long left;
        private long memoryLeft;
        private final Supplier<Path> folder;
        private Path dir;
        private int files;

        Budget(long max, long inMemory, Supplier<Path> folder) {
            this.left = max;
            this.memoryLeft = Math.min(max, inMemory);
            this.folder = folder;
        }

        /** The request's folder, or null when every upload stayed in memory. */
        Path dir() {
            return dir;
        }

        /** A new file under the cleaned name; each in a folder of its own, so that every upload keeps its name. */
        private Path newFile(String name) throws IOException {
            if (dir == null) {
                dir = folder.get();
            }
            // hidden: a cleaned name never starts with a dot, so no upload takes that folder's name
            Path file = (files == 0 ? dir : Files.createDirectory(dir.resolve("." + files))).resolve(name);
            files++;
            return file;
        }
    }

    /**
     * The request's recordings, within {@code budget}; on an error, files already saved stay in its
     * folder (the caller discards it).
     */
    List<Upload> receive(Context ctx, Budget budget) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > max) {
            throw tooLarge();
        }
        List<Upload> out = new ArrayList<>();
        if (ctx.isMultipartFormData()) {
            List<UploadedFile> parts;
            ctx.attribute(MULTIPART_READ, true);
            try {
                parts = ctx.uploadedFiles();
            } catch (Exception e) { // Jetty's ServletException and IllegalStateException, rethrown unchecked
                throw multipartError(e);
            }
            for (UploadedFile part : parts) {
                out.add(keep(part.filename(), part.content(), part.size(), budget));
            }
        } else {
            String name = ctx.queryParam("filename");
            if (name == null || name.isBlank()) {
                throw HttpError.badRequest("name the recording: send multipart/form-data, or the raw file with "
                        + "?filename=NAME.csv (the extension says the format)");
            }
            out.add(keep(name, ctx.bodyInputStream(), declared, budget));
        }
        return out;
    }

    /**
     * One recording: in memory while the budget's memory lasts, else in a file of the request's
     * folder. {@code size}: its length when known (one array of it, read once), else -1.
     */
    Upload keep(String given, InputStream in, long size, Budget budget) throws IOException {
        String name = cleanName(given);
        try (in) {
            // one byte past what memory takes tells whether the rest must go to a file
            int most = (int) Math.min(Integer.MAX_VALUE - 8, Math.min(budget.left, budget.memoryLeft) + 1);
            byte[] head = size >= 0 && size < most ? exactly(in, (int) size) : in.readNBytes(most);
            if (head.length <= budget.memoryLeft) {
                budget.memoryLeft -= head.length;
                budget.left -= head.length;
                return new Upload(name, RecordingInput.inMemory(name, head));
            }
            if (head.length > budget.left) {
                throw tooLarge();
            }
            budget.memoryLeft = 0; // the rest of the request goes to files
            Path file = budget.newFile(name);
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(head);
                long total = head.length;
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    total += n;
                    if (total > budget.left) {
                        throw tooLarge();
                    }
                    out.write(buf, 0, n);
                }
                budget.left -= total;
            }
            return new Upload(name, RecordingInput.of(file));
        }
    }

    /** The {@code size} bytes the body or part says it has, in one array (fewer: a cut-off upload, which its reader refuses). */
    private static byte[] exactly(InputStream in, int size) throws IOException {
        byte[] b = new byte[size];
        int n = in.readNBytes(b, 0, size);
        return n == size ? b : java.util.Arrays.copyOf(b, n);
    }

    /** The last path segment, in safe characters, never hidden. */
    static String cleanName(String given) {
        String n = given == null ? "" : given.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._ -]", "_").strip();
        if (n.length() > 120) {
            n = n.substring(n.length() - 120);
        }
        if (n.isEmpty() || n.startsWith(".")) {
            n = "upload" + n;
        }
        return n;
    }

    private HttpError tooLarge() {
        return new HttpError(413, "upload larger than the limit of " + max + " bytes (--max-upload)");
    }

    /** Jetty's multipart parser says "too large" and "malformed" with the same exception types. */
    private HttpError multipartError(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (m.contains("exceed") || m.contains("too large") || m.contains("max")) {
                return tooLarge();
            }
        }
        return HttpError.badRequest("malformed multipart/form-data body");
    }
}
