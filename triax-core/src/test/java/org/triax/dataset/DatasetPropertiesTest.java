package org.triax.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.triax.TriaxException;

class DatasetPropertiesTest {

    @TempDir
    Path root;

    private Path properties(String text) throws IOException {
        return Files.writeString(root.resolve(DatasetProperties.FILE_NAME), text);
    }

    @Test
    void readsSamplingRateChannelsAndVariable() throws IOException {
        properties("# written by hand\nfs = 5120\nchannels = X, Y ,Z\nvariable = acc_.*\n");
        DatasetProperties p = DatasetProperties.read(root);
        assertEquals(5120.0, p.sampleRate());
        assertEquals(List.of("X", "Y", "Z"), p.channels());
        assertEquals("acc_.*", p.variable());
    }

    @Test
    void acceptsDecimalSamplingRatesAndChannelIndices() throws IOException {
        properties("fs: 25.6e3\nchannels=0,2\n");
        DatasetProperties p = DatasetProperties.read(root);
        assertEquals(25600.0, p.sampleRate());
        assertEquals(List.of("0", "2"), p.channels());
        assertNull(p.variable());
    }

    @Test
    void absentKeysMeanUnknown() throws IOException {
        properties("# nothing set\n");
        DatasetProperties p = DatasetProperties.read(root);
        assertTrue(Double.isNaN(p.sampleRate()));
        assertEquals(List.of(), p.channels());
        assertNull(p.variable());
    }

    @Test
    void absentFileGivesNone() {
        assertSame(DatasetProperties.NONE, DatasetProperties.read(root));
        assertSame(DatasetProperties.NONE, DatasetProperties.read(root.resolve("missing-folder")));
        assertTrue(Double.isNaN(DatasetProperties.NONE.sampleRate()));
        assertEquals(List.of(), DatasetProperties.NONE.channels());
        assertNull(DatasetProperties.NONE.variable());
    }

    @Test
    void folderNamedLikeThePropertiesFileIsNotRead() throws IOException {
        Files.createDirectories(root.resolve(DatasetProperties.FILE_NAME));
        assertSame(DatasetProperties.NONE, DatasetProperties.read(root));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "5120 Hz", "", "5,120"})
    void samplingRateThatIsNotANumberIsAnErrorNamingTheFile(String fs) throws IOException {
        Path file = properties("fs=" + fs + "\n");
        TriaxException e = assertThrows(TriaxException.class, () -> DatasetProperties.read(root));
        assertTrue(e.getMessage().startsWith(file + ": fs must be a number"), e.getMessage());
        assertTrue(e.getMessage().contains("'" + fs + "'"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5120", "NaN", "Infinity", "-Infinity"})
    void samplingRateThatIsNotPositiveAndFiniteIsAnErrorNamingTheFile(String fs) throws IOException {
        Path file = properties("fs=" + fs + "\n");
        TriaxException e = assertThrows(TriaxException.class, () -> DatasetProperties.read(root));
        assertTrue(e.getMessage().startsWith(file + ": fs must be > 0 Hz"), e.getMessage());
        assertTrue(e.getMessage().contains(fs), e.getMessage());
    }

    @Test
    void malformedUnicodeEscapeIsAnErrorNamingTheFile() throws IOException {
        Path file = properties("variable=\\uZZZZ\n");
        TriaxException e = assertThrows(TriaxException.class, () -> DatasetProperties.read(root));
        assertTrue(e.getMessage().startsWith(file + ": unreadable properties file"), e.getMessage());
    }

    @Test
    void variableIsTrimmedLikeTheOtherKeys() throws IOException {
        // Properties keeps trailing blanks, invisible in an editor; "acc " would never match "acc"
        properties("fs=1000 \nchannels=X \nvariable=acc \t\n");
        DatasetProperties p = DatasetProperties.read(root);
        assertEquals(1000.0, p.sampleRate());
        assertEquals(List.of("X"), p.channels());
        assertEquals("acc", p.variable());
    }

    @Test
    void blankVariableMeansAutomaticLikeBlankChannels() throws IOException {
        properties("channels=\nvariable=   \n");
        DatasetProperties p = DatasetProperties.read(root);
        assertEquals(List.of(), p.channels());
        assertNull(p.variable());
    }

    @Test
    void parseListSplitsOnCommasAndDropsBlanks() {
        assertEquals(List.of("X", "Y", "Z"), DatasetProperties.parseList(" X, Y ,,Z, "));
        assertEquals(List.of(), DatasetProperties.parseList(null));
        assertEquals(List.of(), DatasetProperties.parseList("  "));
    }
}
