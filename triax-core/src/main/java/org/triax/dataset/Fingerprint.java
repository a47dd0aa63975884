package org.triax.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.triax.TriaxException;
import org.triax.io.Sha256;

/** SHA-256 over every recording's relative path, label and bytes: "is this the same data?". */
public final class Fingerprint {
    private Fingerprint() {
    }

    public static String of(DatasetIndex index) {
        MessageDigest all = Sha256.digest();
        byte[] buf = new byte[1 << 16];
        for (LabelledFile f : index.files()) {
            try (InputStream in = Files.newInputStream(f.path())) {
                // the size makes the byte stream unambiguous: no file's bytes can pose as the next header
                all.update((f.relativePath() + "\0" + index.classes().get(f.label()) + "\0" + Files.size(f.path())
                        + "\0").getBytes(StandardCharsets.UTF_8));
                for (int n; (n = in.read(buf)) > 0; ) {
                    all.update(buf, 0, n);
                }
            } catch (IOException e) {
                throw new TriaxException(f.path() + ": unreadable (" + e.getMessage() + ")", e);
            }
        }
        return "sha256:" + HexFormat.of().formatHex(all.digest());
    }
}
