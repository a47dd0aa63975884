package org.triax.signal;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.triax.TriaxException;

/**
 * HDF5 files (via jHDF).
 *
 * <ul>
 *   <li>Dataset: the one named by {@link ReadOptions#variable()} (name or path, exact or full regex
 *       match); automatically {@code vibration_data} when present, else the only 2-D numeric
 *       dataset, else the only numeric dataset.
 *   <li>Layout: a 2-D dataset is time × channels; when its first dimension is the smaller one it is
 *       read as channels × time instead (the longer dimension is time). A 1-D dataset is one
 *       channel.
 *   <li>Channel names: the dataset attribute {@code channels} or {@code channel_names} (string
 *       array or comma-separated string), else X, Y, Z / ch0, ch1, ... as in a headerless CSV
 *       (time stamp and counter columns are {@code col<i>}).
 *   <li>Sampling rate: a numeric attribute fs, sr, sampling_rate, sample_rate or samplerate (any
 *       case) on the dataset, else on the root group; the options' rate only when there is none.
 * </ul>
 */
public final class Hdf5Reader implements RecordingReader {

    static final List<String> EXTENSIONS = List.of(".h5", ".hdf5");

    private static final String DEFAULT_DATASET = "vibration_data";

    @Override
    public boolean accepts(Path file) {
        return RecordingReaders.hasExtension(file, EXTENSIONS);
    }

    @Override
    public Recording read(Path file, ReadOptions options) {
        return read(RecordingInput.of(file), options);
    }

    @Override
    public Recording read(RecordingInput input, ReadOptions options) {
        Path file = input.path();
        try (HdfFile hdf = open(input)) {
            List<Dataset> datasets = new ArrayList<>();
            collect(hdf, datasets);
            Dataset dataset = choose(file, datasets, options.variable());
            double[][] samples = samples(file, dataset);
            double fs = sampleRate(file, List.of(dataset.getAttributes(), hdf.getAttributes()), options);
            List<String> names = channelNames(file, dataset, samples);
            return new Recording(file.toString(), names, fs, samples);
        } catch (HdfException e) {
            throw new TriaxException(file + ": not a readable HDF5 file ("
                    + RecordingReaders.reason(e) + ")", e);
        }
    }

    /** Opens an HDF5 file (a user block, as in MAT v7.3, is allowed) and checks it is complete. */
    static HdfFile open(RecordingInput input) {
        Path file = input.path();
        HdfFile hdf = input.hdf();
        // libhdf5 makes this check on open; jHDF does not and would read garbage past the end
        long expected = hdf.getUserBlockSize() + hdf.getHdfBackingStorage().getSuperblock().getEndOfFileAddress();
        long size = hdf.size();
        if (size < expected) {
            hdf.close();
            throw new TriaxException(file + ": truncated HDF5 file (" + size + " bytes, its superblock says "
                    + expected + ")");
        }
        return hdf;
    }

    private static void collect(Group group, List<Dataset> out) {
        for (Node node : group) {
            if (node.isLink()) {
                continue; // soft and external links would repeat a dataset or dangle
            }
            if (node instanceof Group child) {
                collect(child, out);
            } else if (node instanceof Dataset dataset) {
                out.add(dataset);
            }
        }
    }

    private static Dataset choose(Path file, List<Dataset> datasets, String variable) {
        if (variable != null) {
            List<Dataset> hits = datasets.stream()
                    .filter(d -> Stream.of(d.getName(), d.getPath(), d.getPath().substring(1))
                            .anyMatch(n -> RecordingReaders.matchesVariable(n, variable)))
                    .toList();
            if (hits.size() != 1) {
                throw new TriaxException(file + ": " + hits.size() + " datasets match '" + variable
                        + "', expected one (datasets: " + describe(datasets) + ")");
            }
            if (!isNumeric(hits.get(0))) {
                throw new TriaxException(file + ": dataset " + describe(hits)
                        + " is not a 1-D or 2-D numeric array");
            }
            return hits.get(0);
        }
        List<Dataset> numeric = datasets.stream().filter(Hdf5Reader::isNumeric).toList();
        List<Dataset> named = numeric.stream().filter(d -> d.getName().equals(DEFAULT_DATASET)).toList();
        List<Dataset> twoD = numeric.stream().filter(d -> d.getDimensions().length == 2).toList();
        for (List<Dataset> candidates : List.of(named, twoD, numeric)) {
            if (candidates.size() == 1) {
                return candidates.get(0);
            }
        }
        throw new TriaxException(file + ": cannot choose a dataset (datasets: " + describe(datasets)
                + "); name one with the variable option");
    }

    private static boolean isNumeric(Dataset d) {
        return (d.getDataType() instanceof FloatingPoint || d.getDataType() instanceof FixedPoint)
                && !d.isScalar() && !d.isEmpty()
                && (d.getDimensions().length == 1 || d.getDimensions().length == 2);
    }

    /** samples[channel][time]; jHDF's flat data is row-major. */
    private static double[][] samples(Path file, Dataset dataset) {
        double[] flat = toDoubles(file, dataset, dataset.getDataFlat());
        int[] dims = dataset.getDimensions();
        if (dims.length == 1) {
            return new double[][] {flat};
        }
        int rows = dims[0];
        int cols = dims[1];
        if (rows < cols) { // channels × time: each row is a channel already
            double[][] out = new double[rows][];
            for (int r = 0; r < rows; r++) {
                out[r] = Arrays.copyOfRange(flat, r * cols, (r + 1) * cols);
            }
            return out;
        }
        double[][] out = new double[cols][rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c][r] = flat[r * cols + c];
            }
        }
        return out;
    }

    static double[] toDoubles(Path file, Dataset dataset, Object data) {
        if (data instanceof double[] d) {
            return d;
        }
        // jHDF gives float, long, int, short or byte arrays (unsigned types widened); uint64 comes
        // as BigInteger, which a signal never needs
        if (!data.getClass().getComponentType().isPrimitive()) {
            throw new TriaxException(file + ": dataset " + dataset.getPath() + " holds "
                    + data.getClass().getComponentType().getSimpleName()
                    + " values, expected integers or floating point");
        }
        double[] out = new double[Array.getLength(data)];
        for (int i = 0; i < out.length; i++) {
            out[i] = Array.getDouble(data, i);
        }
        return out;
    }

    private static List<String> channelNames(Path file, Dataset dataset, double[][] samples) {
        int count = samples.length;
        for (String key : List.of("channels", "channel_names")) {
            Attribute attribute = dataset.getAttribute(key);
            if (attribute == null) {
                continue;
            }
            Object value = attribute.getData();
            List<String> names;
            if (value instanceof String text) {
                names = Arrays.stream(text.split(",")).map(String::trim).toList();
            } else if (value instanceof String[] array) {
                names = Arrays.stream(array).map(String::trim).toList();
            } else {
                throw new TriaxException(file + ": attribute " + key + " of " + dataset.getPath()
                        + " should be text, found " + value.getClass().getSimpleName());
            }
            if (names.size() != count) {
                throw new TriaxException(file + ": attribute " + key + " of " + dataset.getPath()
                        + " names " + names.size() + " channels " + names + ", the dataset has "
                        + count);
            }
            return names;
        }
        return CounterColumns.names(samples);
    }

    /** The first sampling-rate attribute in the given attribute maps, in order, else the options' rate. */
    private static double sampleRate(Path file, List<Map<String, Attribute>> scopes, ReadOptions options) {
        for (Map<String, Attribute> attributes : scopes) {
            for (Attribute attribute : attributes.values()) {
                if (RecordingReaders.isSampleRateName(attribute.getName())) {
                    return RecordingReaders.sampleRate(file, number(file, attribute),
                            "attribute " + attribute.getName(), options);
                }
            }
        }
        return options.sampleRate();
    }

    private static double number(Path file, Attribute attribute) {
        Object value = attribute.getData();
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value.getClass().isArray() && value.getClass().getComponentType().isPrimitive()
                && Array.getLength(value) == 1) {
            return Array.getDouble(value, 0); // a one-element array attribute
        }
        throw new TriaxException(file + ": attribute " + attribute.getName()
                + " should be a number (the sampling rate in Hz), found " + value);
    }

    private static String describe(List<Dataset> datasets) {
        if (datasets.isEmpty()) {
            return "none";
        }
        return datasets.stream().map(d -> d.getPath() + " " + Arrays.toString(d.getDimensions()))
                .collect(Collectors.joining(", "));
    }
}
