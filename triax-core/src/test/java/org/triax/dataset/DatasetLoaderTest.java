package org.triax.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.TriaxException;
import org.triax.signal.Preprocessing;
import org.triax.signal.ReadNotes;
import org.triax.signal.StftConfig;
import org.triax.signal.WindowFunction;
import org.triax.signal.WindowSpec;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Matrix;

/** {@link DatasetLoader#load(DataOptions)} on tiny CSV datasets written per test. */
class DatasetLoaderTest {

    private static final WindowSpec WINDOW = new WindowSpec(64, 32);
    private static final StftConfig STFT =
            new StftConfig(16, 8, WindowFunction.HANN, -120, 0, Double.POSITIVE_INFINITY);

    @TempDir
    Path root;

    private final Random rnd = new Random(1);

    /** A CSV with a header; a column named "time" carries the sampling rate {@code fs}, one named "stamp" the same values. */
    private Path csv(String relative, List<String> header, double fs, int rows) throws IOException {
        StringBuilder sb = new StringBuilder(String.join(",", header)).append('\n');
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < header.size(); c++) {
                if (c > 0) {
                    sb.append(',');
                }
                double v = header.get(c).equals("time") || header.get(c).equals("stamp") ? i / fs
                        : Math.sin(2 * Math.PI * (c + 1) * 50 * i / fs) + 0.1 * rnd.nextGaussian();
                sb.append(String.format(Locale.ROOT, "%.9f", v));
            }
            sb.append('\n');
        }
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, sb);
    }

    private DataOptions options() {
        return new DataOptions(root, List.of(), Double.NaN, null, WINDOW, STFT, SplitProtocol.AUTO,
                SplitFractions.DEFAULT, 42);
    }

    private DataOptions withSampleRate(double fs) {
        DataOptions o = options();
        return new DataOptions(o.root(), o.channels(), fs, o.variable(), o.window(), o.stft(), o.protocol(),
                o.fractions(), o.seed());
    }

    private DataOptions withChannels(List<String> channels) {
        DataOptions o = options();
        return new DataOptions(o.root(), channels, o.sampleRate(), o.variable(), o.window(), o.stft(), o.protocol(),
                o.fractions(), o.seed());
    }

    /** Two classes of {@code perClass} recordings with columns time, X, Y, Z at 1 kHz. */
    private void twoClasses(int perClass, int rows) throws IOException {
        for (String cls : List.of("healthy", "faulty")) {
            for (int k = 0; k < perClass; k++) {
                csv(cls + "/" + cls + "_" + k + ".csv", List.of("time", "X", "Y", "Z"), 1000, rows);
            }
        }
    }

    @Test
    void usesTheChannelsEveryRecordingHasInTheOrderOfTheFirst() throws IOException {
        csv("faulty/f0.csv", List.of("time", "Z", "Y", "X", "T"), 1000, 700);
        csv("faulty/f1.csv", List.of("time", "X", "Y", "Z"), 1000, 700);
        csv("faulty/f2.csv", List.of("time", "Y", "Z"), 1000, 700);
        csv("healthy/h0.csv", List.of("time", "Z", "Y", "X"), 1000, 700);
        csv("healthy/h1.csv", List.of("time", "X", "Z", "Y", "T"), 1000, 700);
        csv("healthy/h2.csv", List.of("time", "Y", "Z", "X"), 1000, 700);
        PreparedDataset d = DatasetLoader.load(options());
        assertEquals(List.of("Z", "Y"), d.preprocessing().channels());
        assertEquals(2 * d.preprocessing().bins() * d.preprocessing().frames(), d.train().tensorSize());
        assertEquals(1000.0, d.preprocessing().sampleRate());
    }

    @Test
    void channelNamesMatchWithoutRegardToCaseAsWhenSelecting() throws IOException {
        // --channels x picks "X" (Recording.select ignores case), so the automatic choice must too
        csv("faulty/f0.csv", List.of("time", "X", "Y", "Z"), 1000, 700);
        csv("healthy/h0.csv", List.of("time", "x", "y", "z"), 1000, 700);
        PreparedDataset d = DatasetLoader.load(options());
        assertEquals(List.of("X", "Y", "Z"), d.preprocessing().channels());
        assertEquals(SplitProtocol.TIME_BLOCKS, d.plan().protocol());
    }

    @Test
    void recordingsSharingNoChannelAreAnError() throws IOException {
        Path first = csv("faulty/f0.csv", List.of("time", "A", "B"), 1000, 700);
        csv("healthy/h0.csv", List.of("time", "C", "D"), 1000, 700);
        TriaxException e = assertThrows(TriaxException.class, () -> DatasetLoader.load(options()));
        assertTrue(e.getMessage().contains("share no channel"), e.getMessage());
        assertTrue(e.getMessage().contains(first + " has [A, B]"), e.getMessage());
        assertTrue(e.getMessage().contains("--channels"), e.getMessage());
    }

    @Test
    void singleChannelRecordingsUnderDifferentNamesAreReadAsTheOneChannelTheyHold() throws IOException {
        csv("faulty/f0.csv", List.of("time", "data1"), 1000, 700);
        csv("faulty/f1.csv", List.of("time", "sig_0917"), 1000, 700);
        csv("healthy/h0.csv", List.of("time", "data2"), 1000, 700);
        csv("healthy/h1.csv", List.of("time", "data2"), 1000, 700);
        ReadNotes notes = new ReadNotes();
        PreparedDataset d = DatasetLoader.load(options(), notes);
        assertEquals(List.of(Preprocessing.ONLY_CHANNEL), d.preprocessing().channels());
        assertEquals(List.of(root + ": every recording holds one channel, under 3 different names (data1, sig_0917, "
                + "data2): all are read as the one channel ch0"), notes.lines());
        // evaluation reads the same folder with the saved contract: the same windows
        PreparedDataset again = DatasetLoader.load(options(), d.preprocessing(), new ReadNotes());
        org.junit.jupiter.api.Assertions.assertArrayEquals(d.test().data(), again.test().data());
    }

    /**
     * The survey a cache entry is prepared from (one recording at a time, samples dropped) decides
     * what reading the whole dataset decides, and each recording read again alone is the one read
     * with the dataset: one channel under different names, resampled from three rates.
     */
    @Test
    void theSurveyDecidesWhatReadingTheDatasetDecides() throws IOException {
        String[][] files = {{"faulty/f0.csv", "data1"}, {"faulty/f1.csv", "sig_0917"}, {"healthy/h0.csv", "data2"},
                {"healthy/h1.csv", "data2"}};
        double[] rates = {1000, 2000, 4000, 1000};
        int[] rows = {700, 1403, 2801, 733};
        for (int f = 0; f < files.length; f++) {
            csv(files[f][0], List.of("time", files[f][1]), rates[f], rows[f]);
        }
        DataOptions o = options().withResample(1000);
        DatasetIndex index = DatasetIndex.scan(root);
        ReadNotes readNotes = new ReadNotes();
        LoadedRecordings read = DatasetLoader.read(o, index, readNotes);
        ReadNotes surveyNotes = new ReadNotes();
        DatasetShape survey = DatasetLoader.survey(o, index, surveyNotes);
        DatasetShape want = read.shape();
        assertEquals(want.preprocessing(), survey.preprocessing());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {700, 702, 700, 733}, survey.lengths());
        org.junit.jupiter.api.Assertions.assertArrayEquals(want.lengths(), survey.lengths());
        assertEquals(List.of(want.notes(), want.groups(), want.fingerprint()),
                List.of(survey.notes(), survey.groups(), survey.fingerprint()));
        assertEquals(readNotes.lines(), surveyNotes.lines());
        assertEquals(DatasetLoader.plan(read, o), DatasetLoader.plan(survey, o));
        RecordingSource alone = RecordingSource.reading(o, index, survey.preprocessing());
        for (int r = 0; r < index.files().size(); r++) {
            assertEquals(read.recordings().get(r).channels(), alone.recording(r).channels());
            org.junit.jupiter.api.Assertions.assertArrayEquals(read.recordings().get(r).samples(),
                    alone.recording(r).samples(), "recording " + r);
        }
    }

    @Test
    void singleChannelRecordingsOfOneNameKeepIt() throws IOException {
        csv("faulty/f0.csv", List.of("time", "DE"), 1000, 700);
        csv("healthy/h0.csv", List.of("time", "de"), 1000, 700);
        assertEquals(List.of("DE"), DatasetLoader.load(options()).preprocessing().channels());
    }

    @Test
    void aTimeStampColumnOfEveryFileIsOneNote() throws IOException {
        for (String f : List.of("faulty/f0.csv", "faulty/f1.csv", "healthy/h0.csv")) {
            csv(f, List.of("stamp", "X", "Y"), 1000, 700);
        }
        // "stamp" is not a time column by name, so it is only found by counting: i / fs grows
        List<String> header = List.of("stamp", "X", "Y");
        ReadNotes notes = new ReadNotes();
        PreparedDataset d = DatasetLoader.load(options(), notes);
        assertEquals(List.of("X", "Y"), d.preprocessing().channels());
        assertEquals(1, notes.lines().size(), notes.lines().toString());
        assertTrue(notes.lines().get(0).startsWith("channel 'stamp' never decreases") && notes.lines().get(0)
                .endsWith("(3 recordings, e.g. " + root.resolve("faulty/f0.csv") + ")"), notes.lines().get(0));
        assertEquals(header, DatasetLoader.load(withChannels(header)).preprocessing().channels(), "named: kept");
    }

    @Test
    void resampleBringsRecordingsOfDifferentRatesToOne() throws IOException {
        csv("faulty/f0.csv", List.of("time", "X"), 1000, 700);
        csv("faulty/f1.csv", List.of("time", "X"), 2000, 1400);
        csv("healthy/h0.csv", List.of("time", "X"), 4000, 2800);
        PreparedDataset d = DatasetLoader.load(options().withResample(1000));
        assertEquals(1000.0, d.preprocessing().sampleRate());
        assertTrue(d.preprocessing().resample());
        for (SplitPlan.Block b : d.plan().blocks()) {
            assertTrue(b.to() <= 700, "every recording is 700 samples at 1 kHz: " + b);
        }
    }

    @Test
    void resampleNeedsEveryRecordingsOwnRate() throws IOException {
        csv("faulty/f0.csv", List.of("time", "X"), 2000, 1400);
        Path unknown = csv("healthy/h0.csv", List.of("X"), 2000, 1400);
        TriaxException e = assertThrows(TriaxException.class, () -> DatasetLoader.load(options().withResample(1000)));
        assertTrue(e.getMessage().startsWith(unknown + ": states no sampling rate, so it cannot be resampled to 1000.0 Hz")
                && e.getMessage().contains("--fs"), e.getMessage());
        assertEquals(1000.0, DatasetLoader.load(withSampleRate(2000).withResample(1000)).preprocessing().sampleRate(),
                "--fs gives the rate of the file that states none");
    }

    @Test
    void channelsFromPropertiesWinOverTheIntersectionAndOptionsWinOverProperties() throws IOException {
        twoClasses(1, 700);
        Files.writeString(root.resolve(DatasetProperties.FILE_NAME), "channels=Z,X\n");
        assertEquals(List.of("Z", "X"), DatasetLoader.load(options()).preprocessing().channels());
        assertEquals(List.of("Y"), DatasetLoader.load(withChannels(List.of("Y"))).preprocessing().channels());
    }

    @Test
    void mixedSamplingRatesAreAnErrorNamingBothFiles() throws IOException {
        Path first = csv("faulty/f0.csv", List.of("time", "X"), 1000, 700);
        csv("faulty/f1.csv", List.of("time", "X"), 1000, 700);
        Path odd = csv("healthy/h0.csv", List.of("time", "X"), 2000, 700);
        TriaxException e = assertThrows(TriaxException.class, () -> DatasetLoader.load(options()));
        String m = e.getMessage();
        assertTrue(m.contains("different sampling rates"), m);
        assertTrue(m.contains(first.toString()) && m.contains("1000.0 Hz"), m);
        assertTrue(m.contains(odd.toString()) && m.contains("2000.0 Hz"), m);
        assertTrue(m.contains("--fs"), m);
    }

    @Test
    void recordingWithoutARateAmongRecordingsWithOneIsAnError() throws IOException {
        csv("faulty/f0.csv", List.of("time", "X"), 1000, 700);
        Path unknown = csv("healthy/h0.csv", List.of("X"), 2000, 1400);
        TriaxException e = assertThrows(TriaxException.class, () -> DatasetLoader.load(options()));
        assertTrue(e.getMessage().contains(unknown.toString()), e.getMessage());
    }

    @Test
    void sampleRateOptionNeverContradictsWhatTheFilesSay() throws IOException {
        csv("faulty/f0.csv", List.of("time", "X"), 1000, 700);
        Path other = csv("healthy/h0.csv", List.of("time", "X"), 2000, 700);
        TriaxException e = assertThrows(TriaxException.class, () -> DatasetLoader.load(withSampleRate(1000)));
        assertTrue(e.getMessage().startsWith(other + ": time column 'time' says 2000.0 Hz, but --fs"), e.getMessage());
        assertTrue(e.getMessage().contains("1000.0 Hz") && e.getMessage().contains("--resample"), e.getMessage());
    }

    @Test
    void sampleRateComesFromPropertiesWhenTheFilesDoNotSayAndTheOptionWinsOverIt() throws IOException {
        csv("faulty/f0.csv", List.of("X", "Y"), 1000, 700);
        csv("healthy/h0.csv", List.of("X", "Y"), 1000, 700);
        assertTrue(Double.isNaN(DatasetLoader.load(options()).preprocessing().sampleRate()));
        Files.writeString(root.resolve(DatasetProperties.FILE_NAME), "fs=2560\n");
        assertEquals(2560.0, DatasetLoader.load(options()).preprocessing().sampleRate());
        assertEquals(100.0, DatasetLoader.load(withSampleRate(100)).preprocessing().sampleRate());
    }

    @Test
    void timeBlockWindowsStayInsideTheirOwnBlock() throws IOException {
        twoClasses(2, 700);
        PreparedDataset d = DatasetLoader.load(options());
        assertEquals(SplitProtocol.TIME_BLOCKS, d.plan().protocol());
        for (Subset s : Subset.values()) {
            SpectrogramSet set = d.set(s);
            assertTrue(set.size() > 0, s + " is empty");
            for (int i = 0; i < set.size(); i++) {
                int r = set.recordings()[i];
                int start = set.starts()[i];
                SplitPlan.Block own = d.plan().blocks(s).stream().filter(b -> b.recording() == r).findFirst()
                        .orElseThrow();
                assertTrue(start >= own.from() && start + WINDOW.length() <= own.to(),
                        s + " window at " + start + " leaves " + own);
                assertEquals(d.index().files().get(r).label(), set.labels()[i]);
            }
        }
    }

    @Test
    void byRecordingSetsShareNoRecording() throws IOException {
        twoClasses(4, 200);
        PreparedDataset d = DatasetLoader.load(options());
        assertEquals(SplitProtocol.BY_RECORDING, d.plan().protocol());
        Set<Integer> seen = new HashSet<>();
        int total = 0;
        for (Subset s : Subset.values()) {
            Set<Integer> inSet = new HashSet<>();
            for (int r : d.set(s).recordings()) {
                inSet.add(r);
            }
            total += inSet.size();
            seen.addAll(inSet);
            assertEquals(2, new HashSet<>(java.util.Arrays.stream(d.set(s).labels()).boxed().toList()).size(),
                    s + " holds both classes");
        }
        assertEquals(8, total);
        assertEquals(8, seen.size(), "no recording in two sets");
    }

    /** A MAT file with two 3-column matrices, so that reading it needs the variable option. */
    private void matWithTwoMatrices(String relative, int rows) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Matrix acc = Mat5.newMatrix(rows, 3);
        Matrix temp = Mat5.newMatrix(rows, 3);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < 3; c++) {
                acc.setDouble(r, c, rnd.nextGaussian());
                temp.setDouble(r, c, 20 + 0.01 * r);
            }
        }
        Mat5.writeToFile(Mat5.newMatFile().addArray("acc", acc).addArray("temp", temp), p.toFile());
    }

    @Test
    void variableFromPropertiesIsUsedForTrainingEvenWithTrailingBlanks() throws IOException {
        for (String cls : List.of("healthy", "faulty")) {
            matWithTwoMatrices(cls + "/" + cls + ".mat", 700);
        }
        TriaxException e = assertThrows(TriaxException.class, () -> DatasetLoader.load(options()));
        assertTrue(e.getMessage().contains("several 2-D numeric variables"), e.getMessage());
        Files.writeString(root.resolve(DatasetProperties.FILE_NAME), "fs=1000\nvariable=acc  \n");
        PreparedDataset d = DatasetLoader.load(options());
        assertEquals(List.of("X", "Y", "Z"), d.preprocessing().channels());
    }

    @Test
    void evaluationReadsTheSameVariableAsTrainingDidFromProperties() throws IOException {
        for (String cls : List.of("healthy", "faulty")) {
            matWithTwoMatrices(cls + "/" + cls + ".mat", 700);
        }
        Files.writeString(root.resolve(DatasetProperties.FILE_NAME), "fs=1000\nvariable=acc\n");
        PreparedDataset trained = DatasetLoader.load(options());
        // what evaluate does: the model's contract and split, no --variable given
        Preprocessing contract = trained.preprocessing();
        PreparedDataset evaluated = DatasetLoader.load(options(), contract);
        assertEquals(trained.plan(), evaluated.plan());
        assertEquals(trained.fingerprint(), evaluated.fingerprint());
        assertEquals(java.util.Arrays.toString(trained.test().starts()),
                java.util.Arrays.toString(evaluated.test().starts()));
        org.junit.jupiter.api.Assertions.assertArrayEquals(trained.test().data(), evaluated.test().data());
    }

    @Test
    void preparedFingerprintIsTheFingerprintOfTheIndex() throws IOException {
        twoClasses(1, 700);
        PreparedDataset d = DatasetLoader.load(options());
        assertEquals(Fingerprint.of(DatasetIndex.scan(root)), d.fingerprint());
        assertTrue(d.fingerprint().matches("sha256:[0-9a-f]{64}"), d.fingerprint());
    }
}
