package dev.tokencookie.refreshtoken.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.operations.control.AuthMetrics;
import dev.tokencookie.settings.control.ModuleStarting;
import dev.tokencookie.settings.control.TestSettings;
import dev.tokencookie.testing.CapturedLog;
import dev.tokencookie.testing.TestScheduler;
import dev.tokencookie.testing.Undeclared;
import jakarta.transaction.RollbackException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The poll of revoked logins as a scheduler runs it: a scheduled task that throws is never run again, and then the node
 * would accept revoked logins' tokens until it restarts, so no failure of the database may end it.
 */
class RevokedSessionsTest {

    private CapturedLog log;
    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);

    @BeforeEach
    void listen() {
        log = CapturedLog.of(RevokedSessions.class);
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
        log.close();
    }

    @Test
    void aCommitThatFailsWithACheckedExceptionEndsNeitherThePollNorWhatItKnows() throws InterruptedException {
        AtomicInteger polls = new AtomicInteger();
        RevokedSessions revoked = new RevokedSessions();
        revoked.sessions = new Sessions() {
            @Override
            public Map<String, Instant> revokedSince(Instant since) {
                int poll = polls.incrementAndGet();
                if (poll == 2 || poll == 3) {
                    // As Narayana's @Transactional interceptor throws a commit that failed, through the bean's proxy.
                    throw Undeclared.raise(new RollbackException("ARJUNA016053: Could not commit transaction."));
                }
                return poll == 1 ? Map.of("revoked-login", Instant.now()) : Map.of();
            }
        };
        revoked.settings = TestSettings.with();
        revoked.metrics = AuthMetrics.unscraped();
        revoked.scheduler = TestScheduler.everyMillisecondOn(executor);

        revoked.start(new ModuleStarting(revoked.settings));
        TestScheduler.awaitTrue(() -> polls.get() >= 6);

        assertTrue(polls.get() >= 6, "the schedule went on after the failed commits: " + polls.get() + " polls");
        assertTrue(revoked.isPolling());
        assertTrue(revoked.isRevoked("revoked-login"), "a failed poll forgets nothing");
        List<String> warnings = log.messages(Level.WARNING);
        assertEquals(1, warnings.size(), "one line for the whole outage");
        assertTrue(warnings.get(0).endsWith(": jakarta.transaction.RollbackException"), "the type only: " + warnings);
        assertEquals(1, log.messages(Level.INFO).size(), "and one when it ends");
        revoked.stop();
    }
}
