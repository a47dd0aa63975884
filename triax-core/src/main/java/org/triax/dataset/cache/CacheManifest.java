package org.triax.dataset.cache;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.triax.TriaxException;
import org.triax.dataset.Normalization;
import org.triax.dataset.SplitPlan;
import org.triax.dataset.Subset;
import org.triax.signal.Preprocessing;

/**
 * {@code cache.json}, the last file of a cache entry: what its shards hold and how they were
 * made. An entry is complete when this file is there (the entry folder appears whole, see
 * {@link SpectrogramCache}).
 *
 * @param key the cache key (SHA-256 of {@code settings} and the fingerprint)
 * @param settings the preprocessing settings the key was computed from, in words
 * @param fingerprint the dataset's {@link org.triax.dataset.Fingerprint}
 * @param classes class names, label order
 * @param normalization the per-channel statistics the windows were standardised with (fitted on
 *     the un-augmented training windows only)
 * @param variable the MAT variable / HDF5 dataset read (null: automatic)
 * @param notes what triax chose from the data (window sizes...), as printed when it was prepared
 * @param readNotes what the readers left out or assumed, as printed when it was prepared
 * @param shards per subset, the shard file names (in this folder) in window order
 * @param windows per subset, the number of windows of its shards together
 */
public record CacheManifest(String format, int version, String key, String settings, String fingerprint,
                            List<String> classes, Preprocessing preprocessing, SplitPlan plan,
                            Normalization normalization, String variable, List<String> notes, List<String> readNotes,
                            Map<Subset, List<String>> shards, Map<Subset, Integer> windows, String createdAt) {
    public static final String FORMAT = "triax-spectrogram-cache";
    public static final String FILE_NAME = "cache.json";

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the cache manifest", e);
        }
    }

    /** Reads an entry's manifest; a missing or unreadable one is a {@link CorruptShardException} (rebuild). */
    public static CacheManifest read(Path file) {
        try {
            CacheManifest m = JSON.readValue(Files.readAllBytes(file), CacheManifest.class);
            if (!FORMAT.equals(m.format()) || m.version() != Shard.VERSION) {
                throw new CorruptShardException(file, "format " + m.format() + " version " + m.version()
                        + ", this triax reads " + FORMAT + " version " + Shard.VERSION);
            }
            return m;
        } catch (IOException | RuntimeException e) {
            if (e instanceof TriaxException t) {
                throw t;
            }
            throw new CorruptShardException(file, "unreadable cache manifest (" + e.getMessage() + ")");
        }
    }
}
