package dev.tokencookie.refreshtoken.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tokencookie.operations.control.AuthMetrics;
import dev.tokencookie.operations.control.BackgroundReadiness;
import dev.tokencookie.settings.control.AuthSettings;
import dev.tokencookie.settings.control.ModuleStarting;
import dev.tokencookie.settings.control.TestSettings;
import dev.tokencookie.testing.TestScheduler;
import jakarta.enterprise.inject.Instance;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Liveness, whose remedy is a restart: DOWN once a task of the background work has ended on an error it did not
 * survive, and not while the tasks run.
 */
class BackgroundWorkLivenessTest {

    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void anErrorThatEndsThePurgeTakesLivenessDown() throws InterruptedException {
        AuthSettings settings = TestSettings.with();
        AtomicInteger purges = new AtomicInteger();
        AtomicBoolean failing = new AtomicBoolean();
        RefreshTokenPurge purge = new RefreshTokenPurge();
        purge.refreshTokens = new RefreshTokens() {
            @Override
            public int purgeDead(int limit) {
                purges.incrementAndGet();
                if (failing.get()) {
                    throw new LinkageError("an error no task survives");
                }
                return 0;
            }

            @Override
            public int eraseEndedSeals() {
                return 0;
            }
        };
        purge.settings = settings;
        purge.scheduler = TestScheduler.everyMillisecondOn(executor);
        RevokedSessions revoked = new RevokedSessions();
        revoked.sessions = new Sessions() {
            @Override
            public Map<String, Instant> revokedSince(Instant since) {
                return Map.of();
            }
        };
        revoked.settings = settings;
        revoked.metrics = AuthMetrics.unscraped();
        revoked.scheduler = TestScheduler.everyMillisecondOn(executor);
        BackgroundWorkLiveness liveness = new BackgroundWorkLiveness();
        liveness.revokedSessions = revoked;
        liveness.purge = purge;
        liveness.checks = noChecks();

        revoked.start(new ModuleStarting(settings));
        purge.start(new ModuleStarting(settings));
        TestScheduler.awaitTrue(() -> purges.get() >= 3);
        assertEquals(Optional.empty(), liveness.problem(), "the tasks run");

        failing.set(true);
        TestScheduler.awaitTrue(() -> liveness.problem().isPresent());
        assertEquals(Optional.of("the purge of ended logins has stopped"), liveness.problem());
        purge.stop();
        revoked.stop();
    }

    @SuppressWarnings("unchecked")
    private static Instance<BackgroundReadiness> noChecks() {
        return (Instance<BackgroundReadiness>) Proxy.newProxyInstance(Instance.class.getClassLoader(),
                new Class<?>[] {Instance.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("iterator")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return Collections.emptyIterator();
                });
    }
}
