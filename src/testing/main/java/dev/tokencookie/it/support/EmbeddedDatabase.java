package dev.tokencookie.it.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One real PostgreSQL server process on a fixed port and data directory, which a test can stop and start again with
 * its data, as a database that goes away and comes back.
 */
final class EmbeddedDatabase {

    private final int port;
    private final Path data;
    private final Map<String, String> settings;
    private EmbeddedPostgres server;

    EmbeddedDatabase(int port, Path data) {
        this(port, data, Map.of());
    }

    /** With server settings (postgresql.conf's names), as a DBA may have set them. */
    EmbeddedDatabase(int port, Path data, Map<String, String> settings) {
        this.port = port;
        this.data = data;
        this.settings = Map.copyOf(settings);
    }

    int port() {
        return port;
    }

    /** Starts it on an empty data directory. */
    synchronized void startFresh() {
        stop();
        try {
            deleteRecursively(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start();
    }

    synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPort(port).setDataDirectory(data)
                    .setCleanDataDirectory(false);
            settings.forEach(builder::setServerConfig);
            server = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void stop() {
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
