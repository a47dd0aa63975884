package org.triax.studio;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.triax.TriaxException;
import org.triax.dataset.DatasetProperties;
import org.triax.predict.RecordingScorer;
import org.triax.predict.Verdict;
import org.triax.predict.VerdictFormat;
import org.triax.signal.Preprocessing;
import org.triax.signal.Recording;

/**
 * Prediction: uploaded recordings scored by {@link RecordingScorer}, as {@code triax predict}
 * scores them (ONNX Runtime), with each recording's verdict and, when asked, its per-window probabilities.
 */
final class PredictApi {
    private final ModelStore models;
    private final Uploads uploads;
    private final Predictions predictions;
    private final SpectrogramImages images;

    PredictApi(ModelStore models, Uploads uploads, Predictions predictions, SpectrogramImages images) {
        this.models = models;
        this.uploads = uploads;
        this.predictions = predictions;
        this.images = images;
    }

    void routes(Api api) {
        api.post("/api/v1/predict", "Score recordings with a model: per recording the verdict, mean class probabilities, "
                + "share of windows per class and, with ?windows=true, every window's probabilities. One recording that "
                + "cannot be scored is a 400; in a batch of several, each failed one carries its error", Api.JSON, this::predict)
                .query("model", true, "model name (GET /api/v1/models)")
                .query("windows", false, "true: each recording's per-window class probabilities too, in time order "
                        + "(default false)")
                .query("filename", false, "the recording's file name when the body is the raw file (its extension "
                        + "says the format: .csv, .csv.gz, .tsv, .mat, .h5, .hdf5, .wav)")
                .query("fs", false, "sampling rate (Hz) of recordings that state none (default: the model's)")
                .query("variable", false, "MAT variable or HDF5 dataset to read (default: the model's)")
                .query("channels", false, "recording channels to feed as the model's, in its order (A,B,..)")
                .query("resample", false, "resample recordings at another rate to this one, the model's rate (Hz)")
                .body("multipart/form-data, application/octet-stream", "recording files (multipart, any field name), "
                        + "or one raw recording file with ?filename=");
        api.get("/api/v1/predictions/{batch}", "The verdicts of a prediction as triax predict writes them", "text/csv",
                this::verdicts).query("format", false, "csv (default), json or table");
        api.get("/api/v1/predictions/{batch}/{index}/spectrogram", "PNG of one channel's spectrogram (or 'fused') of an "
                + "uploaded recording, with its model's STFT settings", "image/png", this::spectrogram)
                .query("channel", true, "a channel name, or 'fused'");
    }

    private void predict(Context ctx) throws Exception {
        String model = DatasetsApi.required(ctx, "model");
        ModelStore.ReadSettings settings = settings(ctx);
        boolean windows = flag(ctx, "windows");
        ScorerPool pool = models.pool(model, settings);
        String id = predictions.nextId();
        Uploads.Budget budget = new Uploads.Budget(uploads.max(), Uploads.IN_MEMORY, () -> predictions.newFolder(id));
        List<Uploads.Upload> ups;
        try {
            ups = uploads.receive(ctx, budget);
        } catch (RuntimeException e) {
            predictions.discard(budget.dir());
            throw e;
        }
        if (ups.isEmpty()) {
            predictions.discard(budget.dir());
            throw HttpError.badRequest("no recording in the request");
        }
        List<Map<String, Object>> results = new ArrayList<>(ups.size());
        List<Verdict> verdicts = new ArrayList<>(ups.size());
        Preprocessing[] pre = new Preprocessing[1];
        List<?>[] classes = new List<?>[1];
        int failed = 0;
        for (Uploads.Upload u : ups) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("index", results.size());
            r.put("recording", u.name());
            try {
                pool.with(s -> {
                    pre[0] = s.preprocessing();
                    classes[0] = s.metadata().classes();
                    Recording rec = s.read(u.input());
                    RecordingScorer.Scored scored = s.scoreWindows(rec);
                    Verdict v = scored.verdict().named(u.name());
                    verdicts.add(v);
                    r.put("verdict", v);
                    if (windows) {
                        r.put("windows", scored.windows());
                    }
                    r.put("spectrograms", DatasetsApi.spectrogramNames(rec));
                    return null;
                });
            } catch (TriaxException e) {
                failed++;
                String message = u.message(e);
                if (ups.size() == 1) {
                    predictions.discard(budget.dir());
                    throw new HttpError(400, message);
                }
                verdicts.add(Verdict.failed(u.name(), List.of(), message));
                r.put("error", message);
            }
            results.add(r);
        }
        predictions.keep(new Predictions.Batch(id, model, settings, budget.dir(), ups, List.copyOf(verdicts)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("batch", id);
        out.put("model", model);
        if (pre[0] != null) {
            out.put("classes", classes[0]);
            out.put("sampleRate", Double.isNaN(pre[0].sampleRate()) ? null : pre[0].sampleRate());
            out.put("windowSamples", pre[0].window().length());
            out.put("hopSamples", pre[0].window().hop());
        }
        out.put("failed", failed);
        out.put("results", results);
        Json.send(ctx, out);
    }

    /** A yes/no query parameter (absent: no). */
    private static boolean flag(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank() || v.equalsIgnoreCase("false") || v.equals("0")) {
            return false;
        }
        if (v.equalsIgnoreCase("true") || v.equals("1")) {
            return true;
        }
        throw HttpError.badRequest(name + " must be true or false, got '" + v + "'");
    }

    private static ModelStore.ReadSettings settings(Context ctx) {
        return new ModelStore.ReadSettings(positive(ctx, "fs"), blankToNull(ctx.queryParam("variable")),
                DatasetProperties.parseList(ctx.queryParam("channels")), positive(ctx, "resample"));
    }

    private static double positive(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return Double.NaN;
        }
        try {
            double x = Double.parseDouble(v.strip());
            if (x > 0 && Double.isFinite(x)) {
                return x;
            }
        } catch (NumberFormatException ignored) {
            // the message below
        }
        throw HttpError.badRequest(name + " must be a number of Hz > 0, got '" + v + "'");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private void verdicts(Context ctx) {
        Predictions.Batch b = predictions.get(ctx.pathParam("batch"));
        String format = ctx.queryParam("format") == null ? "csv" : ctx.queryParam("format");
        VerdictFormat f = VerdictFormat.parse(format);
        String ext = f == VerdictFormat.TABLE ? "txt" : f.name().toLowerCase(Locale.ROOT);
        ctx.header("Content-Disposition", "attachment; filename=\"triax-predictions-" + b.id() + "." + ext + "\"");
        ctx.contentType(f == VerdictFormat.JSON ? "application/json" : f == VerdictFormat.CSV ? "text/csv" : "text/plain")
                .result(f.format(b.verdicts()));
    }

    private void spectrogram(Context ctx) {
        Predictions.Batch b = predictions.get(ctx.pathParam("batch"));
        int i = DatasetsApi.parseInt(ctx.pathParam("index"), -1);
        if (i < 0 || i >= b.uploads().size()) {
            throw HttpError.notFound("prediction " + b.id() + " has no recording " + ctx.pathParam("index"));
        }
        Uploads.Upload u = b.uploads().get(i);
        String channel = DatasetsApi.required(ctx, "channel");
        byte[] png = models.pool(b.model(), b.settings()).with(s -> {
            Recording r = s.preprocessing().conformRate(s.read(u.input()));
            return images.png(r, s.preprocessing().stft(), channel, u.name());
        });
        ctx.contentType("image/png").result(png);
    }
}
