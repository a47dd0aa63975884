package org.triax.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.TriaxException;
import org.triax.studio.TrainOptions;
import org.triax.testing.TinyData;

/** {@code triax serve}: its options, the token it chooses, sizes, and the training options it hands the studio. */
class ServeCommandTest {

    @Test
    void serveIsACommandWithItsOptions() {
        TinyData.Run help = TinyData.cli("serve", "--help");
        assertEquals(0, help.status(), help.err());
        for (String option : new String[] {"--host", "--port", "--data-root", "--models", "--token", "--max-upload"}) {
            assertTrue(help.out().contains(option), help.out());
        }
        assertTrue(TinyData.cli("--help").out().contains("serve"));
    }

    @Test
    void theTokenIsGivenOrFromTheEnvironmentOrRandomAndLong() {
        assertEquals("abc", ServeCommand.token("abc", "env"));
        assertEquals("env", ServeCommand.token(null, "env"));
        String random = ServeCommand.token(null, null);
        assertTrue(random.matches("[0-9a-f]{48}"), random); // 192 bits
        assertNotEquals(random, ServeCommand.token(null, ""));
        assertThrows(TriaxException.class, () -> ServeCommand.token(" ", null));
    }

    @Test
    void uploadSizesTakeBinaryUnits() {
        assertEquals(256L << 20, ServeCommand.parseSize("256M"));
        assertEquals(1L << 30, ServeCommand.parseSize("1g"));
        assertEquals(512L << 10, ServeCommand.parseSize("512KiB"));
        assertEquals(1000, ServeCommand.parseSize("1000"));
        for (String bad : new String[] {"", "-1", "0", "lots", "12T"}) {
            assertThrows(TriaxException.class, () -> ServeCommand.parseSize(bad), bad);
        }
    }

    @Test
    void aTakenPortIsAOneLineErrorNamingTheFix(@TempDir Path dir) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            TinyData.Run r = TinyData.cli("serve", "--port", String.valueOf(taken.getLocalPort()), "--data-root", dir.toString(),
                    "--models", dir.resolve("models").toString(), "--token", "t");
            assertEquals(TriaxCli.USER_ERROR, r.status());
            assertEquals(1, r.errLines().size(), r.err());
            assertTrue(r.err().contains("choose another --port"), r.err());
        }
        TinyData.Run missing = TinyData.cli("serve", "--data-root", dir.resolve("nope").toString(), "--token", "t");
        assertEquals(TriaxCli.USER_ERROR, missing.status());
        assertTrue(missing.err().contains("--data-root"), missing.err());
    }

    @Test
    void trainingOptionsAreParsedAsTriaxTrainParsesThem(@TempDir Path dir) {
        StudioTrainOptions options = new StudioTrainOptions();
        TrainOptions.Plan plan = options.parse(dir, Map.of("mode", "fused", "epochs", "3", "window", "512", "class-weights", "true"));
        assertEquals(3, plan.config().epochs());
        assertTrue(plan.config().classWeights());
        assertEquals(1, plan.designs().size());
        assertEquals(512, plan.data().window().length());
        assertEquals(256, plan.data().window().hop(), "half the window, as the CLI does");
        assertEquals(dir, plan.data().root());
        assertEquals("epochs must be > 0, got -1", assertThrows(TriaxException.class,
                () -> options.parse(dir, Map.of("epochs", "-1"))).getMessage());
        assertTrue(assertThrows(TriaxException.class, () -> options.parse(dir, Map.of("epochs", "many"))).getMessage()
                .contains("--epochs"));
        assertThrows(TriaxException.class, () -> options.parse(dir, Map.of("class-weights", "maybe")));
        assertThrows(TriaxException.class, () -> options.parse(dir, Map.of("groups", "/etc/passwd")));
    }
}
