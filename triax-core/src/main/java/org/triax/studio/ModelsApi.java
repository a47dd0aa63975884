package org.triax.studio;

import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.triax.artifact.ModelMetadata;

/** The models folder: the list, one model's metadata, and its files for download. */
final class ModelsApi {
    private final ModelStore models;

    ModelsApi(ModelStore models) {
        this.models = models;
    }

    void routes(Api api) {
        api.get("/api/v1/models", "Every model in the models folder, newest first, with its headline metrics", Api.JSON,
                ctx -> Json.send(ctx, Map.of("models", models.list())));
        api.get("/api/v1/models/{name}", "A model's full metadata: network, classes, preprocessing, training, split, "
                + "metrics per set and class, confusion matrices, epoch history, provenance", Api.JSON, this::detail);
        api.get("/api/v1/models/{name}/files/{kind}", "Download the model file (kind 'triax') or its ONNX export ('onnx')",
                "application/octet-stream", this::download);
    }

    private void detail(Context ctx) {
        String name = ctx.pathParam("name");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("onnx", Files.isRegularFile(models.dir().resolve(name + ".onnx")));
        out.put("metadata", models.metadata(name));
        Json.send(ctx, out);
    }

    private void download(Context ctx) throws IOException {
        String kind = ctx.pathParam("kind");
        Path file = models.file(ctx.pathParam("name"), kind);
        ctx.header("Content-Disposition", "attachment; filename=\"" + file.getFileName() + "\"");
        ctx.header("Content-Length", String.valueOf(Files.size(file)));
        ctx.contentType("application/octet-stream").result(Files.newInputStream(file));
    }

    /** The headline of a model, for lists and comparisons. */
    static Map<String, Object> summary(String name, ModelMetadata m, boolean onnx) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("design", m.network().design().label());
        s.put("createdAt", m.createdAt());
        s.put("validationAccuracy", m.validation().accuracy());
        s.put("testAccuracy", m.test().accuracy());
        s.put("testMacroF1", m.test().macroF1());
        s.put("classes", m.classes());
        s.put("channels", m.preprocessing().channels());
        s.put("sampleRate", Double.isNaN(m.preprocessing().sampleRate()) ? null : m.preprocessing().sampleRate());
        s.put("dataset", m.dataset() == null ? null : Path.of(m.dataset().path()).getFileName().toString());
        s.put("epochs", m.training().epochs());
        s.put("bestEpoch", m.bestEpoch());
        s.put("onnx", onnx);
        return s;
    }
}
