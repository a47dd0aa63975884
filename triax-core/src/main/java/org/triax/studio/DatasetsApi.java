package org.triax.studio;

import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.triax.TriaxException;
import org.triax.dataset.DatasetIndex;
import org.triax.dataset.DatasetProperties;
import org.triax.dataset.LabelledFile;
import org.triax.signal.ReadNotes;
import org.triax.signal.ReadOptions;
import org.triax.signal.Recording;
import org.triax.signal.RecordingReaders;
import org.triax.signal.StftConfig;

/** Browsing the data root: folders, a dataset's classes and recordings, a recording's waveform and spectrograms. */
final class DatasetsApi {
    private static final int MAX_POINTS = 4000;
    private final DataRoot root;
    private final SpectrogramImages images;
    /** Recording facts by file, path + size + modification time: opening a dataset again reads nothing. */
    private final Lru<String, Map<String, Object>> facts = new Lru<>(20_000);
    private final Lru<String, byte[]> pngs = new Lru<>(64);

    DatasetsApi(DataRoot root, SpectrogramImages images) {
        this.root = root;
        this.images = images;
    }

    void routes(Api api) {
        api.get("/api/v1/folders", "Sub-folders and recordings of a folder under the data root", Api.JSON, this::folders)
                .query("path", false, "folder relative to the data root (default: the root)");
        api.get("/api/v1/dataset", "A dataset folder: its classes, recordings per class, channels, sampling rates and durations",
                Api.JSON, this::dataset).query("path", true, "dataset folder relative to the data root");
        api.get("/api/v1/recording", "One recording: channels, sampling rate, duration and its waveform (min/max envelope)",
                Api.JSON, this::recording)
                .query("path", true, "recording file relative to the data root")
                .query("points", false, "envelope points per channel (default 1500, at most " + MAX_POINTS + ")");
        api.get("/api/v1/recording/spectrogram", "PNG of one channel's spectrogram, or the fused RGB image", "image/png",
                this::spectrogram)
                .query("path", true, "recording file relative to the data root")
                .query("channel", true, "a channel name, or 'fused'");
    }

    private void folders(Context ctx) {
        Json.send(ctx, root.list(ctx.queryParam("path")));
    }

    private void dataset(Context ctx) {
        Path dir = root.resolve(required(ctx, "path"));
        DatasetIndex index = DatasetIndex.scan(dir, 1);
        ReadOptions read = readOptions(dir);
        List<Map<String, Object>> recordings = index.files().parallelStream().map(f -> facts(f, index, read)).toList();
        List<Map<String, Object>> classes = new ArrayList<>();
        int[] counts = index.countsPerClass();
        for (int c = 0; c < index.classes().size(); c++) {
            int label = c;
            List<Map<String, Object>> of = recordings.stream().filter(r -> r.get("class").equals(index.classes().get(label))).toList();
            classes.add(Map.of("name", index.classes().get(c), "recordings", counts[c],
                    "seconds", of.stream().mapToDouble(r -> ((Number) r.getOrDefault("seconds", 0.0)).doubleValue()).sum()));
        }
        Set<String> channels = new LinkedHashSet<>();
        Set<Double> rates = new TreeSet<>();
        List<String> notes = new ArrayList<>();
        long unreadable = 0;
        for (Map<String, Object> r : recordings) {
            if (r.containsKey("error")) {
                unreadable++;
                continue;
            }
            @SuppressWarnings("unchecked")
            List<String> ch = (List<String>) r.get("channels");
            channels.addAll(ch);
            if (r.get("sampleRate") instanceof Double fs) {
                rates.add(fs);
            }
            @SuppressWarnings("unchecked")
            List<String> n = (List<String>) r.get("notes");
            n.stream().filter(x -> !notes.contains(x) && notes.size() < 8).forEach(notes::add);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("path", root.relative(dir));
        out.put("name", dir.equals(root.path()) ? "(data root)" : dir.getFileName().toString());
        out.put("classes", classes);
        out.put("channels", List.copyOf(channels));
        out.put("sampleRates", List.copyOf(rates));
        out.put("recordings", recordings);
        out.put("unreadable", unreadable);
        out.put("notes", notes);
        Json.send(ctx, out);
    }

    private Map<String, Object> facts(LabelledFile f, DatasetIndex index, ReadOptions read) {
        String key;
        try {
            key = f.path() + "|" + Files.size(f.path()) + "|" + Files.getLastModifiedTime(f.path()).toMillis();
        } catch (IOException e) {
            key = f.path().toString();
        }
        Map<String, Object> cached = facts.get(key);
        if (cached != null) {
            return cached;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", root.relative(f.path()));
        m.put("name", f.relativePath());
        m.put("class", index.classes().get(f.label()));
        ReadNotes notes = new ReadNotes();
        try {
            Recording r = RecordingReaders.read(f.path(), new ReadOptions(read.sampleRate(), read.variable(), read.keep(), notes));
            describe(r, m);
            m.put("notes", notes.lines().stream().map(this::clean).toList());
        } catch (TriaxException e) {
            m.put("error", clean(e.getMessage()));
        }
        facts.put(key, m);
        return m;
    }

    private static void describe(Recording r, Map<String, Object> m) {
        m.put("channels", r.channels());
        m.put("sampleRate", r.hasSampleRate() ? r.sampleRate() : null);
        m.put("samples", r.length());
        if (r.hasSampleRate()) {
            m.put("seconds", r.length() / r.sampleRate());
        }
    }

    private void recording(Context ctx) {
        String rel = required(ctx, "path");
        Recording r = read(rel);
        int points = Math.max(2, Math.min(MAX_POINTS, parseInt(ctx.queryParam("points"), 1500)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("path", rel);
        describe(r, out);
        int buckets = Math.min(points, r.length());
        double[] time = new double[buckets];
        for (int b = 0; b < buckets; b++) {
            long start = (long) b * r.length() / buckets;
            time[b] = r.hasSampleRate() ? start / r.sampleRate() : start;
        }
        List<Map<String, Object>> series = new ArrayList<>();
        for (int c = 0; c < r.channelCount(); c++) {
            double[] x = r.samples()[c];
            double[] lo = new double[buckets];
            double[] hi = new double[buckets];
            for (int b = 0; b < buckets; b++) {
                int from = (int) ((long) b * x.length / buckets);
                int to = Math.max(from + 1, (int) ((long) (b + 1) * x.length / buckets));
                double mn = Double.POSITIVE_INFINITY;
                double mx = Double.NEGATIVE_INFINITY;
                for (int i = from; i < to; i++) {
                    mn = Math.min(mn, x[i]);
                    mx = Math.max(mx, x[i]);
                }
                lo[b] = mn;
                hi[b] = mx;
            }
            series.add(Map.of("channel", r.channels().get(c), "min", lo, "max", hi));
        }
        out.put("time", time);
        out.put("timeUnit", r.hasSampleRate() ? "s" : "sample");
        out.put("waveform", series);
        out.put("spectrograms", spectrogramNames(r));
        Json.send(ctx, out);
    }

    static List<String> spectrogramNames(Recording r) {
        List<String> names = new ArrayList<>(r.channels());
        names.add(SpectrogramImages.FUSED);
        return names;
    }

    private void spectrogram(Context ctx) throws IOException {
        String rel = required(ctx, "path");
        String channel = required(ctx, "channel");
        Path file = root.resolve(rel);
        String key = file + "|" + Files.getLastModifiedTime(file).toMillis() + "|" + channel;
        byte[] png = pngs.get(key);
        if (png == null) {
            png = images.png(read(rel), StftConfig.DEFAULT, channel, file.getFileName().toString());
            pngs.put(key, png);
        }
        ctx.contentType("image/png").result(png);
    }

    /** Reads a recording the way its dataset is read (the triax.properties nearest above it). */
    private Recording read(String rel) {
        Path file = root.resolve(rel);
        if (!Files.isRegularFile(file)) {
            throw HttpError.badRequest(rel + " is not a file");
        }
        try {
            return RecordingReaders.read(file, readOptions(file.getParent()));
        } catch (TriaxException e) {
            throw new TriaxException(clean(e.getMessage()), e);
        }
    }

    private ReadOptions readOptions(Path dir) {
        for (Path d = dir; d != null && d.startsWith(root.path()); d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(DatasetProperties.FILE_NAME))) {
                DatasetProperties p = DatasetProperties.read(d);
                return new ReadOptions(p.sampleRate(), p.variable(), p.channels(), ReadNotes.DISCARD);
            }
        }
        return new ReadOptions(Double.NaN, null, List.of(), ReadNotes.DISCARD);
    }

    /** Messages name files relative to the data root, as the client does. */
    private String clean(String message) {
        return message.replace(root.path() + "/", "");
    }

    static String required(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            throw HttpError.badRequest("missing query parameter '" + name + "'");
        }
        return v;
    }

    static int parseInt(String text, int fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("not a whole number: '" + text + "'");
        }
    }
}
