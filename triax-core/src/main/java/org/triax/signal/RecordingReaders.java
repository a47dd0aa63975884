package org.triax.signal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.triax.TriaxException;

/**
 * Reads any supported recording file, choosing the reader by extension. Every failure reaches the
 * caller as a one-line {@link TriaxException} naming the file, never as a library stack trace.
 */
public final class RecordingReaders {

    private static final List<RecordingReader> READERS =
            List.of(new CsvReader(), new MatReader(), new Hdf5Reader(), new WavReader());

    private static final List<String> EXTENSIONS = Stream.of(
            CsvReader.EXTENSIONS, MatReader.EXTENSIONS, Hdf5Reader.EXTENSIONS, WavReader.EXTENSIONS)
            .flatMap(List::stream).toList();

    /** Names of a scalar variable or attribute that holds the sampling rate (lower case; sr: MathWorks' bearing data). */
    private static final Set<String> SAMPLE_RATE_NAMES =
            Set.of("fs", "sr", "sampling_rate", "sample_rate", "samplerate");

    private RecordingReaders() {
    }

    /** File name endings this facade reads, lower case, e.g. {@code .csv.gz}. */
    public static List<String> supportedExtensions() {
        return EXTENSIONS;
    }

    /**
     * True when the name has a supported extension (case-insensitive), so that callers scanning
     * class folders skip README.md, PROVENANCE.md and the like.
     */
    public static boolean isRecording(Path file) {
        return hasExtension(file, EXTENSIONS);
    }

    /**
     * Reads a recording. Time stamps, counters and constant columns are left out unless named in
     * {@link ReadOptions#keep()} ({@link CounterColumns}); each one is reported to
     * {@link ReadOptions#notes()}.
     *
     * @param options sample rate and variable choice; null means {@link ReadOptions#DEFAULT}
     * @throws TriaxException for a missing, empty, unsupported, corrupt or truncated file, a rate
     *     in the options that contradicts the file's, or a file without a vibration channel
     */
    public static Recording read(Path file, ReadOptions options) {
        return read(RecordingInput.of(file), options);
    }

    /**
     * {@link #read(Path, ReadOptions)} of a file or of bytes in memory under a file name: the same
     * readers, checks and messages.
     */
    public static Recording read(RecordingInput input, ReadOptions options) {
        RecordingReader reader = readerFor(input);
        ReadOptions o = options == null ? ReadOptions.DEFAULT : options;
        return readChecked(input.path(), () -> CounterColumns.drop(reader.read(input, o), o));
    }

    /**
     * Opens a recording to be read block by block, with the channels, rate and checks of
     * {@link #read}; memory does not grow with its length. CSV (gzipped or not) and WAV stream;
     * MAT and HDF5 files are read whole, and so is a CSV whose time column has more distinct steps
     * than a stream keeps: for those this returns null.
     */
    public static SampleStream openStream(Path file, ReadOptions options) {
        RecordingReader reader = readerFor(RecordingInput.of(file));
        ReadOptions o = options == null ? ReadOptions.DEFAULT : options;
        return readChecked(file, () -> reader instanceof CsvReader ? CsvStream.open(file, o)
                : reader instanceof WavReader ? WavStream.open(file, o) : null);
    }

    /** What reads {@code input}, which must be a non-empty regular file (or bytes) of a supported type. */
    private static RecordingReader readerFor(RecordingInput input) {
        Path file = input.path();
        input.checkPresent();
        RecordingReader reader = READERS.stream().filter(r -> r.accepts(file)).findFirst()
                .orElseThrow(() -> new TriaxException(file + ": unsupported file type (supported: "
                        + String.join(", ", EXTENSIONS) + ")"));
        try {
            if (input.size() == 0) {
                throw new TriaxException(file + ": empty file");
            }
        } catch (IOException e) {
            throw new TriaxException(file + ": unreadable or truncated file (" + reason(e) + ")", e);
        }
        return reader;
    }

    private interface Read<T> {
        T get() throws IOException;
    }

    private static <T> T readChecked(Path file, Read<T> read) {
        try {
            return read.get();
        } catch (TriaxException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // libraries signal bad bytes with all kinds of exceptions; the user needs one line
            throw new TriaxException(file + ": unreadable or truncated file (" + reason(e) + ")", e);
        }
    }

    static boolean hasExtension(Path file, List<String> extensions) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return extensions.stream().anyMatch(name::endsWith);
    }

    /** X, Y, Z for a tri-axial sensor, otherwise ch0, ch1, ... */
    static List<String> defaultChannelNames(int count) {
        return count == 3 ? List.of("X", "Y", "Z")
                : IntStream.range(0, count).mapToObj(i -> "ch" + i).toList();
    }

    static boolean isSampleRateName(String name) {
        return SAMPLE_RATE_NAMES.contains(name.toLowerCase(Locale.ROOT));
    }

    /**
     * The sampling rate of a file: the one it states, else the options' one (--fs, fs=), which
     * fills in a missing rate but never relabels a stated one.
     *
     * @param stated Hz the file states, NaN when it says nothing
     * @param where what states it, for the message ("the WAV header", "variable fs")
     * @throws TriaxException when both are known and differ
     */
    static double sampleRate(Path file, double stated, String where, ReadOptions options) {
        double given = options.sampleRate();
        if (Double.isNaN(stated)) {
            return given;
        }
        if (!Double.isNaN(given) && Math.abs(given - stated) > 1e-6 * stated) {
            throw new TriaxException(file + ": " + where + " says " + stated + " Hz, but --fs (or fs= in "
                    + "triax.properties) says " + given + " Hz; leave --fs out to use the file's rate, or add "
                    + "--resample HZ to resample every recording to one rate");
        }
        return stated;
    }

    /** A MAT variable / HDF5 dataset selector: the exact name, or a regex matching all of it. */
    static boolean matchesVariable(String name, String wanted) {
        if (name.equals(wanted)) {
            return true;
        }
        try {
            return Pattern.matches(wanted, name);
        } catch (PatternSyntaxException e) {
            return false; // not a regex, so only the exact name could match
        }
    }

    /** An exception's message for a one-line report (some library exceptions have none). */
    static String reason(Throwable e) {
        Throwable cause = e.getCause();
        if (cause != null && cause != e && cause.toString().equals(e.getMessage())) {
            return reason(cause); // new X(cause) copies "java.lang.Y: text" into its message: keep the text
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
