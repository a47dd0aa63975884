package org.triax.studio;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.triax.TriaxException;

/**
 * How a studio serves: where it listens, what it may browse and where models live.
 *
 * @param port 0 for any free port
 * @param dataRoot the only folder tree the pages and the API may read datasets from
 * @param models where trained models are written and listed
 * @param token the secret every request must carry
 * @param maxUpload bytes one prediction request may upload
 */
public record StudioConfig(String host, int port, Path dataRoot, Path models, String token, long maxUpload) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8888;
    public static final long DEFAULT_MAX_UPLOAD = 256L << 20;

    public StudioConfig {
        if (token == null || token.isBlank()) {
            throw new TriaxException("the token must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new TriaxException("--port must be in 0..65535, got " + port);
        }
        if (maxUpload <= 0) {
            throw new TriaxException("--max-upload must be > 0 bytes, got " + maxUpload);
        }
    }

    /** A fresh random token of 192 bits, as hex. */
    public static String newToken() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** True when the server listens on every interface rather than loopback only. */
    public boolean servesNetwork() {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }
}
