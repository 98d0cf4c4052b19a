package dev.tokencookie.refreshtoken.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.testing.CapturedLog;
import dev.tokencookie.testing.Undeclared;
import jakarta.transaction.RollbackException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The purge and the sweep of sealed successors as the scheduler calls them: a database that fails ends neither
 * schedule, and the sweep logs an outage once, not every two seconds.
 */
class RefreshTokenPurgeTest {

    private CapturedLog log;

    @BeforeEach
    void listen() {
        log = CapturedLog.of(RefreshTokenPurge.class);
    }

    @AfterEach
    void stopListening() {
        log.close();
    }

    @Test
    void aFailingSweepIsLoggedOnceAndTheNextSweepRunsAgain() {
        List<String> outcomes = new ArrayList<>(List.of("fail", "fail", "fail", "ok", "ok"));
        RefreshTokenPurge purge = new RefreshTokenPurge();
        purge.refreshTokens = new RefreshTokens() {
            @Override
            public int eraseEndedSeals() {
                if (outcomes.remove(0).equals("fail")) {
                    throw new IllegalStateException("database gone, SELECT ... quoted here");
                }
                return 1;
            }
        };

        for (int i = 0; i < 5; i++) {
            purge.sweepSeals();
        }

        assertTrue(outcomes.isEmpty(), "every scheduled sweep ran: " + outcomes);
        List<String> warnings = log.messages(Level.WARNING);
        assertEquals(1, warnings.size(), "one line for the whole outage");
        assertTrue(warnings.get(0).endsWith("java.lang.IllegalStateException"),
                "the type only, never the message: " + warnings.get(0));
        assertEquals(1, log.messages(Level.INFO).size(), "and one when it ends");
    }

    @Test
    void aCommitThatFailsWithACheckedExceptionEndsNeitherTheSweepNorThePurge() {
        RefreshTokenPurge purge = new RefreshTokenPurge();
        purge.refreshTokens = new RefreshTokens() {
            @Override
            public int eraseEndedSeals() {
                // As Narayana's @Transactional interceptor throws a commit that failed, through the bean's proxy.
                throw Undeclared.raise(new RollbackException("ARJUNA016053: Could not commit transaction."));
            }

            @Override
            public int purgeDead(int limit) {
                throw Undeclared.raise(new RollbackException("ARJUNA016053: Could not commit transaction."));
            }
        };

        // What the scheduler would get: any exception ends a schedule.
        assertDoesNotThrow(purge::sweepSeals);
        assertDoesNotThrow(purge::purge);

        List<String> warnings = log.messages(Level.WARNING);
        assertEquals(2, warnings.size(), String.valueOf(warnings));
        assertTrue(warnings.stream().allMatch(w -> w.endsWith(": jakarta.transaction.RollbackException")),
                "the type only, never the message: " + warnings);
    }
}
