package org.triax.report;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Plot tests render headless into a fresh folder. */
abstract class PlotTestBase {
    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        Charts.headless();
    }
}
