package dev.tokencookie.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.testing.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.SQLNonTransientConnectionException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The login throttle on H2, the embedded default database.
 */
class LoginThrottleTest extends LoginThrottleContract {

    private static TestDatabase h2;

    @BeforeAll
    static void start() {
        // A database of its own: the other tests' H2 tables come and go with their factories.
        // Parallel guesses queue on one row: H2's 2 s lock timeout is too short on a loaded 2-core machine.
        h2 = TestDatabase.h2(Map.of(
                "jakarta.persistence.jdbc.url", "jdbc:h2:mem:login-windows;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
                "eclipselink.logging.level", QUIET));
    }

    @AfterAll
    static void stop() throws IOException {
        h2.close();
    }

    @Override
    TestDatabase database() {
        return h2;
    }

    @Test
    void anUnreachableDatabaseFailsTheAttemptWithItsOwnError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (TestDatabase away = TestDatabase.h2(Map.of(
                "jakarta.persistence.jdbc.url", "jdbc:h2:tcp://localhost:" + closedPort + "/mem:away",
                "jakarta.persistence.schema-generation.database.action", "none",
                "eclipselink.logging.level", "OFF"))) {
            Windows windows = new Windows(away);
            LoginThrottle throttle = node(windows);

            RuntimeException e = assertThrows(RuntimeException.class, () -> throttle.tryAttempt("alice", "192.0.2.1"));

            // What the boundary answers with a 503 temporarily_unavailable (UnexpectedExceptionMapper).
            assertTrue(Stream.iterate((Throwable) e, t -> t != null, Throwable::getCause)
                    .anyMatch(SQLNonTransientConnectionException.class::isInstance), e::toString);
            assertEquals(1, windows.claims.get(), "not retried: only a lost insert race is");
        }
    }
}
