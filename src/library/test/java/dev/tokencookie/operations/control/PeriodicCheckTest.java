package dev.tokencookie.operations.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tokencookie.testing.TestClock;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PeriodicCheckTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-12-03T10:00:00Z"));

    @Test
    void notCheckedYetIsAProblem() {
        PeriodicCheck check = new PeriodicCheck("the database", Duration.ofSeconds(2), () -> { }, clock);

        assertEquals(Optional.of("not checked yet"), check.problem());
    }

    @Test
    void anAnswerInTimeIsFineAndAFailureNamesItsTypeOnly() {
        boolean[] fail = {false};
        PeriodicCheck check = new PeriodicCheck("the database", Duration.ofSeconds(2), () -> {
            if (fail[0]) {
                throw new SQLTransientConnectionException("jdbc:postgresql://db:5432/auth?password=secret");
            }
        }, clock);

        check.runOnce();
        assertEquals(Optional.empty(), check.problem());

        fail[0] = true;
        check.runOnce();
        assertEquals(Optional.of("the database did not answer: java.sql.SQLTransientConnectionException"),
                check.problem());

        fail[0] = false;
        check.runOnce();
        assertEquals(Optional.empty(), check.problem(), "fine again by itself");
    }

    @Test
    void aSlowAnswerIsAProblem() {
        PeriodicCheck check = new PeriodicCheck("the database", Duration.ofSeconds(2),
                () -> clock.advance(Duration.ofMillis(2500)), clock);

        check.runOnce();

        assertEquals(Optional.of("the database took 2.5 s to answer, more than 2.0 s"), check.problem());
    }

    @Test
    void aCheckThatHangsShowsAfterTheLimit() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PeriodicCheck check = new PeriodicCheck("the database", Duration.ofSeconds(2), () -> {
            entered.countDown();
            release.await(10, TimeUnit.SECONDS);
        }, clock);
        Thread hung = new Thread(check::runOnce);
        hung.start();
        entered.await(10, TimeUnit.SECONDS);

        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.of("not checked yet"), check.problem(), "within the limit, the last result stands");
        clock.advance(Duration.ofSeconds(2));
        assertEquals(Optional.of("the database has not answered for 3.0 s"), check.problem());

        release.countDown();
        hung.join(10_000);
    }

    @Test
    void aResultTooOldIsAProblem() {
        PeriodicCheck check = new PeriodicCheck("the signing key", Duration.ofSeconds(2), () -> { }, clock);
        check.runOnce();

        clock.advance(Duration.ofSeconds(7));

        assertEquals(Optional.of("the signing key was last checked 7.0 s ago"), check.problem());
    }
}
