package dev.tokencookie.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.settings.control.TestSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
            assertEquals(Optional.empty(), throttle.tryAttempt("alice", "192.0.2.1"));
        }
        at(T0.plus(Duration.ofMinutes(5)));
        assertEquals(Optional.of(Duration.ofMinutes(10)), throttle.tryAttempt("alice", "192.0.2.9"),
                "from any address, until the window that began with the first failure is over");
        assertEquals(Optional.empty(), throttle.tryAttempt("bob", "192.0.2.9"));

        at(T0.plus(Duration.ofMinutes(15)));
        assertEquals(Optional.empty(), throttle.tryAttempt("alice", "192.0.2.1"));
    }

    @Test
    void spellingsOfOneUsernameShareACount() {
        for (String spelling : List.of("alice", " ALICE", "\uff41\uff4c\uff49\uff43\uff45")) {
            assertEquals(Optional.empty(), throttle.tryAttempt(spelling, "192.0.2.1"), spelling);
        }
        assertTrue(throttle.tryAttempt("Alice ", "192.0.2.1").isPresent(), "case, spaces and full width folded");
    }

    @Test
    void aSuccessResetsTheUsernamesCount() {
        throttle.tryAttempt("alice", "192.0.2.1");
        throttle.tryAttempt("alice", "192.0.2.1");
        throttle.tryAttempt("alice", "192.0.2.1");
        throttle.succeeded("alice", "192.0.2.1");
        throttle.tryAttempt("alice", "192.0.2.1");
        throttle.tryAttempt("alice", "192.0.2.1");

        assertEquals(Optional.empty(), throttle.tryAttempt("alice", "192.0.2.1"));
    }

    @Test
    void oneAddressMayFailTenTimesAsOften() {
        for (int i = 0; i < 30; i++) {
            assertEquals(Optional.empty(), throttle.tryAttempt("user" + i, "192.0.2.1"));
        }
        assertTrue(throttle.tryAttempt("someone", "192.0.2.1").isPresent(), "the address is locked for every user");
        assertEquals(Optional.empty(), throttle.tryAttempt("someone", "192.0.2.2"));
    }

    @Test
    void parallelGuessesGetNoMoreThanTheLimit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Boolean>> guesses = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                guesses.add(() -> throttle.tryAttempt("alice", "192.0.2.1").isEmpty());
            }
            int allowed = 0;
            for (Future<Boolean> guess : pool.invokeAll(guesses)) {
                allowed += guess.get() ? 1 : 0;
            }
            assertEquals(3, allowed);
        } finally {
            pool.shutdownNow();
        }
    }
}
