package dev.tokencookie.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A team's own PostgreSQL database with its user table, apart from the module's ({@link PostgresServer}), so that a
 * test can take the users away while sessions go on; register it before ArquillianExtension, as the deployment creates
 * the table.
 */
public class TeamUsersDatabase implements BeforeAllCallback, AfterAllCallback {

    private static final EmbeddedDatabase DATABASE = new EmbeddedDatabase(freePort(),
            Path.of("target", "it-team-users"));

    @Override
    public void beforeAll(ExtensionContext context) {
        DATABASE.startFresh();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** Its JDBC URL, for a datasource of the deployment's own. */
    public static String url() {
        return "jdbc:postgresql://localhost:" + DATABASE.port() + "/postgres";
    }

    public static void start() {
        DATABASE.start();
    }

    public static void stop() {
        DATABASE.stop();
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
