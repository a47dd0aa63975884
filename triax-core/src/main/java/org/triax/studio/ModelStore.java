package org.triax.studio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.triax.TriaxException;
import org.triax.artifact.ModelArtifact;
import org.triax.artifact.ModelMetadata;
import org.triax.artifact.ModelNaming;
import org.triax.onnx.OnnxExport;
import org.triax.predict.InferenceEngine;
import org.triax.predict.RecordingScorer;
import org.triax.predict.ScoringModel;
import org.triax.signal.ReadOptions;

/**
 * The models folder: model files by name (the file name without {@code .triax}), their metadata
 * (cached by modification time) and pools of scorers for prediction.
 */
final class ModelStore implements AutoCloseable {
    private static final String EXT = "." + ModelNaming.EXTENSION;
    private static final java.util.regex.Pattern MODEL_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private final Path dir;
    private final int poolSize;
    private final Map<String, Cached> metadata = new LinkedHashMap<>();
    private final Lru<String, ScorerPool> pools = new Lru<>(8, ScorerPool::close);

    private record Cached(long modified, ModelMetadata metadata) {
    }

    /** How recordings are read for a model, beyond its own contract (predict's --fs, --variable, --channels, --resample). */
    record ReadSettings(double fs, String variable, List<String> channels, double resample) {
        static final ReadSettings DEFAULT = new ReadSettings(Double.NaN, null, List.of(), Double.NaN);
    }

    ModelStore(Path dir, int poolSize) {
        this.dir = dir;
        this.poolSize = poolSize;
    }

    Path dir() {
        return dir;
    }

    /** Names of the models in the folder, newest first (names start with the date). */
    List<String> names() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(EXT) && !n.startsWith("."))
                    .map(n -> n.substring(0, n.length() - EXT.length()))
                    .sorted((a, b) -> b.compareTo(a)).toList();
        } catch (IOException e) {
            throw new TriaxException("cannot list the models folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A model file, or the {@code .onnx} beside it ({@code kind} "triax" or "onnx"). */
    Path file(String name, String kind) {
        if (name == null || !MODEL_NAME.matcher(name).matches() || name.contains("..")) {
            throw HttpError.notFound("no model '" + name + "'");
        }
        Path p = switch (kind) {
            case "triax" -> dir.resolve(name + EXT);
            case "onnx" -> dir.resolve(name + "." + OnnxExport.EXTENSION);
            default -> throw HttpError.notFound("no file kind '" + kind + "' (triax or onnx)");
        };
        if (!Files.isRegularFile(p)) {
            throw HttpError.notFound("no model '" + name + "'" + (kind.equals("onnx") ? " with an .onnx beside it" : ""));
        }
        return p;
    }

    ModelMetadata metadata(String name) {
        Path p = file(name, "triax");
        long modified;
        try {
            modified = Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            throw HttpError.notFound("no model '" + name + "'");
        }
        synchronized (metadata) {
            Cached c = metadata.get(name);
            if (c != null && c.modified == modified) {
                return c.metadata;
            }
        }
        ModelMetadata m = ModelArtifact.load(p).metadata();
        synchronized (metadata) {
            metadata.put(name, new Cached(modified, m));
        }
        return m;
    }

    /** Every model with its metadata; files that are not readable models are listed with the reason. */
    List<Map<String, Object>> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String name : names()) {
            try {
                out.add(ModelsApi.summary(name, metadata(name), Files.isRegularFile(dir.resolve(name + "." + OnnxExport.EXTENSION))));
            } catch (TriaxException e) {
                out.add(Map.of("name", name, "error", TriaxException.oneLine(e.getMessage().replace(dir + "/", ""))));
            }
        }
        return out;
    }

    /** Scorers of {@code name} reading recordings as {@code settings} say (opened on ONNX Runtime, as predict does). */
    ScorerPool pool(String name, ReadSettings settings) {
        Path file = file(name, "triax");
        String key = name + "|" + settings;
        synchronized (pools) {
            ScorerPool p = pools.get(key);
            if (p == null) {
                int onnxThreads = ScoringModel.threadsPerSession(poolSize); // as predict shares them among its threads
                p = new ScorerPool(() -> new RecordingScorer(ScoringModel.open(file, InferenceEngine.ONNX, onnxThreads),
                        settings.channels(), new ReadOptions(settings.fs(), settings.variable()), settings.resample()),
                        poolSize);
                pools.put(key, p);
            }
            return p;
        }
    }

    @Override
    public void close() {
        pools.values().forEach(ScorerPool::close);
        pools.clear();
    }
}
