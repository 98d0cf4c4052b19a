package dev.tokencookie.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.settings.control.TestSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private LoginThrottle throttle;

    @BeforeEach
    void setUp() {
        throttle = new LoginThrottle();
        throttle.settings = TestSettings.with("auth.login.max-failures", "3", "auth.login.failure-window", "PT15M");
        at(T0);
    }

    private void at(Instant instant) {
        throttle.clock = Clock.fixed(instant, ZoneOffset.UTC);
    }

    @Test
    void locksAUsernameAfterTheLimitUntilTheWindowPasses() {
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), throttle.lockedFor("alice", "192.0.2.1"));
            throttle.failed("alice", "192.0.2.1");
        }
        at(T0.plus(Duration.ofMinutes(5)));
        assertEquals(Optional.of(Duration.ofMinutes(10)), throttle.lockedFor("alice", "192.0.2.9"),
                "from any address, until the window that began with the first failure is over");
        assertEquals(Optional.of(Duration.ofMinutes(10)), throttle.lockedFor("ALICE", "192.0.2.9"), "case folded");
        assertEquals(Optional.empty(), throttle.lockedFor("bob", "192.0.2.9"));

        at(T0.plus(Duration.ofMinutes(15)));
        assertEquals(Optional.empty(), throttle.lockedFor("alice", "192.0.2.1"));
    }

    @Test
    void aSuccessResetsTheUsernamesCount() {
        throttle.failed("alice", "192.0.2.1");
        throttle.failed("alice", "192.0.2.1");
        throttle.succeeded("alice");
        throttle.failed("alice", "192.0.2.1");
        throttle.failed("alice", "192.0.2.1");

        assertEquals(Optional.empty(), throttle.lockedFor("alice", "192.0.2.1"));
    }

    @Test
    void oneAddressMayFailTenTimesAsOften() {
        for (int i = 0; i < 29; i++) {
            throttle.failed("user" + i, "192.0.2.1");
        }
        assertEquals(Optional.empty(), throttle.lockedFor("someone", "192.0.2.1"));
        throttle.failed("user29", "192.0.2.1");

        assertTrue(throttle.lockedFor("someone", "192.0.2.1").isPresent(), "the address is locked for every user");
        assertEquals(Optional.empty(), throttle.lockedFor("someone", "192.0.2.2"));
    }
}
