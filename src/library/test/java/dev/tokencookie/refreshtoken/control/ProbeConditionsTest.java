package dev.tokencookie.refreshtoken.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tokencookie.settings.control.TestSettings;
import dev.tokencookie.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The readiness of the revocation poll, as the probe reads it. */
class ProbeConditionsTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-12-03T10:00:00Z"));
    private boolean databaseDown;

    private RevokedSessions revokedSessions() {
        RevokedSessions revoked = new RevokedSessions();
        revoked.sessions = new Sessions() {
            @Override
            public Map<String, Instant> revokedSince(Instant since) {
                if (databaseDown) {
                    throw new IllegalStateException("database down");
                }
                return Map.of();
            }
        };
        revoked.settings = TestSettings.with("auth.revocation.propagation", "PT5S");
        revoked.clock = clock;
        return revoked;
    }

    @Test
    void theRevocationPollIsReadyUntilItIsOlderThanTwiceThePropagation() {
        RevocationPollReadiness readiness = new RevocationPollReadiness();
        readiness.revokedSessions = revokedSessions();
        readiness.settings = readiness.revokedSessions.settings;
        assertEquals(Optional.of("the revoked logins have not been read from the database yet"),
                readiness.problem());

        readiness.revokedSessions.poll();
        assertEquals(Optional.empty(), readiness.problem());

        databaseDown = true;
        clock.advance(Duration.ofSeconds(10));
        readiness.revokedSessions.poll();
        assertEquals(Optional.empty(), readiness.problem(), "twice the propagation, not more: still ready");

        clock.advance(Duration.ofMillis(500));
        readiness.revokedSessions.poll();
        assertEquals(Optional.of("the revoked logins were last read 10.5 s ago, more than twice"
                + " auth.revocation.propagation (10 s)"), readiness.problem());

        databaseDown = false;
        readiness.revokedSessions.poll();
        assertEquals(Optional.empty(), readiness.problem(), "ready again by itself");
    }
}
