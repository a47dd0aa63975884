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

/**
 * Recordings uploaded for prediction, saved under their own (cleaned) names so that the readers
 * pick the format by extension: multipart/form-data (any number of files) or a raw body named by
 * {@code ?filename=}. More than {@code max} bytes in all is refused (413) before or while reading.
 */
final class Uploads {
    /** One uploaded recording: the name the client gave it and where it was saved. */
    record Upload(String name, Path file) {
    }

    private final long max;

    Uploads(long max) {
        this.max = max;
    }

    long max() {
        return max;
    }

    List<Upload> receive(Context ctx, Path dir) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > max) {
            throw tooLarge();
        }
        List<Upload> out = new ArrayList<>();
        if (ctx.isMultipartFormData()) {
            List<UploadedFile> parts;
            try {
                parts = ctx.uploadedFiles();
            } catch (Exception e) { // Jetty's ServletException and IllegalStateException, rethrown unchecked
                throw multipartError(e);
            }
            long left = max;
            for (UploadedFile part : parts) {
                Upload u = save(dir, out.size(), part.filename(), part.content(), left);
                left -= Files.size(u.file());
                out.add(u);
            }
        } else {
            String name = ctx.queryParam("filename");
            if (name == null || name.isBlank()) {
                throw HttpError.badRequest("name the recording: send multipart/form-data, or the raw file with "
                        + "?filename=NAME.csv (the extension says the format)");
            }
            out.add(save(dir, 0, name, ctx.bodyInputStream(), max));
        }
        return out;
    }

    private Upload save(Path dir, int index, String given, InputStream in, long limit) throws IOException {
        String name = cleanName(given);
        // each upload in a folder of its own keeps the client's name; the first needs no extra folder
        // (hidden: a cleaned name never starts with a dot, so no upload takes that folder's name)
        Path file = (index == 0 ? dir : Files.createDirectory(dir.resolve("." + index))).resolve(name);
        try (in; OutputStream out = Files.newOutputStream(file)) {
            byte[] buf = new byte[1 << 16];
            long total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (total > limit) {
                    throw tooLarge();
                }
                out.write(buf, 0, n);
            }
        }
        return new Upload(name, file);
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
