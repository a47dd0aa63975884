package org.triax.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real datasets under {@code triax.shared.data}; skipped where they are not present. */
class RecordingReadersRealDataTest {

    private static Recording readShared(String relative) {
        Path file = Path.of(System.getProperty("triax.shared.data", "../../shared/data")).resolve(relative);
        assumeTrue(Files.isRegularFile(file), "dataset file not present: " + file);
        return RecordingReaders.read(file, ReadOptions.DEFAULT);
    }

    @Test
    void kafeelMatrixIsThreeAxes() {
        Recording r = readShared("kafeel-motor-triaxial/faulty/F1.mat");
        assertEquals(List.of("X", "Y", "Z"), r.channels());
        assertEquals(5000, r.length());
    }

    @Test
    void cwruVectorsAreDriveEndAndFanEnd() {
        Recording r = readShared("cwru-48k-10class/normal/normal_0_97.mat");
        assertEquals(List.of("DE", "FE"), r.channels());
        assertTrue(r.length() > 200_000, "length " + r.length());
    }

    @Test
    void cwruResampledFrom48To12KiloHertzKeepsItsLength() {
        Recording r = readShared("cwru-48k-10class/normal/normal_0_97.mat").withSampleRate(48000);
        Recording low = Resampler.resample(r, 12000);
        assertEquals(Math.round(r.length() / 4.0), low.length());
        assertEquals(List.of("DE", "FE"), low.channels());
        assertEquals(12000.0, low.sampleRate());
    }

    @Test
    void gearboxCsvGzHasFourSensors() {
        Recording r = readShared("gearbox-spectraquest/healthy/h30hz0.csv.gz");
        assertEquals(List.of("a1", "a2", "a3", "a4"), r.channels());
        assertEquals(88_832, r.length());
        assertEquals(4.63671, r.samples()[0][0], 0.0);
    }
}
