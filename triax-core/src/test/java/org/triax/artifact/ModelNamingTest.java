package org.triax.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import org.triax.io.AtomicFiles;
import org.triax.io.ReservedName;
import org.triax.testing.TinyData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.triax.TriaxException;

/** {@link ModelNaming} (under a German default locale) and the {@link TrainConfig} checks. */
class ModelNamingTest {

    private static final LocalDateTime TIME = LocalDateTime.of(2024, 3, 5, 7, 8, 9, 987_000_000);
    private static final String PATTERN = "\\d{8}-\\d{6}_validation_res_\\d{1,3}\\.\\d{2}_test_set_\\d{1,3}\\.\\d{2}";

    private Locale saved;

    @BeforeEach
    void germanDefaultLocale() {
        saved = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY); // decimal comma: 91,23 must not leak into file names
    }

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(saved);
    }

    @Test
    void baseNameHasTimestampAndTwoDecimalPercentagesWithAPoint() {
        String name = ModelNaming.baseName(TIME, 0.91234, 0.8);
        assertEquals("20240305-070809_validation_res_91.23_test_set_80.00", name);
        assertTrue(name.matches(PATTERN), name);
    }

    @Test
    void baseNameRoundsToTwoDecimalsAtTheExtremes() {
        assertEquals("20240305-070809_validation_res_100.00_test_set_0.00", ModelNaming.baseName(TIME, 1.0, 0.0));
        assertEquals("20240305-070809_validation_res_66.67_test_set_33.33",
                ModelNaming.baseName(TIME, 2.0 / 3, 1.0 / 3));
        assertEquals("20231231-235959_validation_res_5.00_test_set_99.99",
                ModelNaming.baseName(LocalDateTime.of(2023, 12, 31, 23, 59, 59), 0.05, 0.9999));
    }

    private static final List<String> FILES = List.of(".triax", ".onnx");

    /** The name a writer would get now (its reservation released at once). */
    private static String free(Path dir, LocalDateTime time, double val, double test) {
        try (ReservedName name = ModelNaming.reserve(dir, time, val, test, FILES)) {
            return name.base();
        }
    }

    @Test
    void reserveTakesTheNextSecondWhenAFileOfTheNameExists(@TempDir Path dir) throws IOException {
        String first = free(dir, TIME, 0.5, 0.25);
        assertEquals("20240305-070809_validation_res_50.00_test_set_25.00", first);
        Files.createFile(dir.resolve(first + "." + ModelNaming.EXTENSION));
        String second = free(dir, TIME, 0.5, 0.25);
        assertEquals("20240305-070810_validation_res_50.00_test_set_25.00", second);
        Files.createFile(dir.resolve(second + ".onnx")); // any of the files takes the name
        assertEquals("20240305-070811_validation_res_50.00_test_set_25.00", free(dir, TIME, 0.5, 0.25));
        // other accuracies are another name: the same second is free for them
        assertEquals("20240305-070809_validation_res_50.00_test_set_30.00", free(dir, TIME, 0.5, 0.30));
    }

    @Test
    void aNameHeldByAnotherWriterIsNotGivenTwiceAndIsFreeAgainOnceReleasedUnused(@TempDir Path dir) {
        try (ReservedName a = ModelNaming.reserve(dir, TIME, 0.5, 0.25, FILES);
             ReservedName b = ModelNaming.reserve(dir, TIME, 0.5, 0.25, FILES)) {
            assertEquals("20240305-070809_validation_res_50.00_test_set_25.00", a.base());
            assertEquals("20240305-070810_validation_res_50.00_test_set_25.00", b.base());
            assertEquals(dir.resolve(a.base() + ".onnx"), a.file(".onnx"));
        }
        assertEquals("20240305-070809_validation_res_50.00_test_set_25.00", free(dir, TIME, 0.5, 0.25));
        assertEquals(List.of(), TinyData.filesEndingWith(dir, ".reserved"), "released reservations leave no marker");
    }

    @Test
    void concurrentWritersInTheSameSecondGetDistinctNames(@TempDir Path dir) throws Exception {
        int writers = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<String>> names = new java.util.ArrayList<>();
        for (int i = 0; i < writers; i++) {
            names.add(pool.submit(() -> {
                start.await();
                try (ReservedName n = ModelNaming.reserve(dir, TIME, 0.5, 0.25, FILES)) {
                    AtomicFiles.write(n.file(".triax"), n.base().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    return n.base();
                }
            }));
        }
        start.countDown();
        java.util.Set<String> distinct = new java.util.TreeSet<>();
        for (java.util.concurrent.Future<String> f : names) {
            String base = f.get();
            distinct.add(base);
            assertEquals(base, Files.readString(dir.resolve(base + ".triax")), "each file holds its own writer's bytes");
        }
        pool.shutdown();
        assertEquals(writers, distinct.size(), distinct.toString());
    }

    // ---------------------------------------------------------------- TrainConfig

    @Test
    void trainConfigDefaultIsValid() {
        assertEquals(10, TrainConfig.DEFAULT.epochs());
        assertEquals(32, TrainConfig.DEFAULT.batchSize());
        assertEquals(1e-3f, TrainConfig.DEFAULT.learningRate());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void trainConfigRejectsEpochsBelowOne(int epochs) {
        TriaxException e = assertThrows(TriaxException.class, () -> new TrainConfig(epochs, 32, 1e-3f, 1, false));
        assertEquals("epochs must be > 0, got " + epochs, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -32})
    void trainConfigRejectsBatchSizeBelowOne(int batch) {
        TriaxException e = assertThrows(TriaxException.class, () -> new TrainConfig(5, batch, 1e-3f, 1, false));
        assertEquals("batch size must be > 0, got " + batch, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(floats = {0f, -0f, -1e-3f, Float.NaN, Float.POSITIVE_INFINITY})
    void trainConfigRejectsLearningRatesThatAreNotPositiveAndFinite(float lr) {
        TriaxException e = assertThrows(TriaxException.class, () -> new TrainConfig(5, 8, lr, 1, true));
        assertTrue(e.getMessage().startsWith("learning rate must be > 0"), e.getMessage());
    }

    @Test
    void trainConfigAcceptsTheSmallestValidValues() {
        TrainConfig c = new TrainConfig(1, 1, Float.MIN_VALUE, -7, true);
        assertEquals(1, c.epochs());
        assertTrue(c.classWeights());
    }
}
