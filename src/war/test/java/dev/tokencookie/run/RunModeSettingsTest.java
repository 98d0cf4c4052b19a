package dev.tokencookie.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./mvnw -Prun -Dauth.<setting>=...}, as the README says: the run mode starts Payara Micro in a JVM of its own,
 * so the build writes the command line's auth.* properties into the system-properties file it hands to Payara Micro.
 * Runs the build's own step that does it (the root project's run-settings execution), with a setting given as a user
 * would.
 */
class RunModeSettingsTest {

    private static final Path ROOT = Path.of(System.getProperty("root.dir", "../.."));

    @Test
    void theCommandLinesAuthSettingsReachTheFileThatPayaraMicroReads(@TempDir Path dir) throws Exception {
        Path settings = dir.resolve("run-mode.properties");
        List<String> command = List.of(ROOT.resolve("mvnw").toString(), "-B", "-q", "-N", "-Prun",
                "antrun:run@run-settings", "-Drun.settings=" + settings,
                "-Dauth.allowed-origins=http://localhost:5173", "-Dauth.access-token.ttl=PT2M", "-Dother.setting=x",
                "-Dauth.signing.keystore.password=not-on-disk");
        Process maven = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
        String output = new String(maven.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(maven.waitFor(5, TimeUnit.MINUTES), "the build step ended");
        assertEquals(0, maven.exitValue(), output);

        Properties read = new Properties();
        try (Reader reader = Files.newBufferedReader(settings)) {
            read.load(reader);
        }
        assertEquals("http://localhost:5173", read.getProperty("auth.allowed-origins"));
        assertEquals("PT2M", read.getProperty("auth.access-token.ttl"));
        assertEquals("true", read.getProperty("auth.demo-users"), "run-mode.properties is kept");
        assertEquals(null, read.getProperty("other.setting"), "only the module's settings");
        assertEquals(null, read.getProperty("auth.signing.keystore.password"), "no password written to disk");
        assertTrue(!Files.readString(settings).contains("not-on-disk"));
    }
}
