package dev.tokencookie.it.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server for the PostgreSQL ITs, on the port that the build reserved and handed to Payara Micro too;
 * register it before ArquillianExtension so the database is up before the server deploys. Tests stop and start it to
 * simulate an outage.
 */
public class PostgresServer implements BeforeAllCallback, AfterAllCallback {

    private static final Path DATA = Path.of("target", "it-postgres");
    private static EmbeddedPostgres server;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        deleteRecursively(DATA);
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    public static synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = EmbeddedPostgres.builder()
                    .setPort(Integer.getInteger("it.postgres.port", 55432))
                    .setDataDirectory(DATA)
                    .setCleanDataDirectory(false)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            server = null;
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
