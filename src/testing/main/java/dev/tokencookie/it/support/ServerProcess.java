package dev.tokencookie.it.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

/**
 * Test-only: the built WAR on a server process of the test's own, started and stopped as an operator would, for tests
 * that restart the server or start it with a configuration of their own, and for the load benchmark. Which server is
 * the build's choice ({@code it.server}: Payara Micro by default, {@code wildfly} with -Pwildfly); the tests do not
 * know. With {@code AUTH_DB_URL} in the environment, Payara Micro gets the PostgreSQL pool of payara-config.
 */
public interface ServerProcess extends AutoCloseable {

    /** A client for the WAR at context root /. */
    Api api();

    /** The server's JVM, whose CPU time the load benchmark reads. */
    long pid();

    /** What the server printed so far. */
    String log() throws IOException;

    @Override
    void close() throws InterruptedException;

    /** Starts the built WAR at context root / with the run mode's demo users and a file database under dataDir. */
    static ServerProcess start(int port, Path dataDir) throws IOException, InterruptedException {
        return start(port, dataDir, Path.of(System.getProperty("war.file", "target/token-cookie-auth.war")), Map.of());
    }

    /**
     * As {@link #start(int, Path)} with a WAR of the test's, environment variables as an operator would set them, and
     * more WARs beside it, each given as {@code path:/context-root}.
     */
    static ServerProcess start(int port, Path dataDir, Path war, Map<String, String> environment,
            String... moreDeployments) throws IOException, InterruptedException {
        if ("wildfly".equals(System.getProperty("it.server"))) {
            return WildFlyProcess.start(port, dataDir, war, environment, moreDeployments);
        }
        return MicroProcess.start(port, dataDir, war, environment, moreDeployments);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
