package dev.tokencookie.refreshtoken.control;

import dev.tokencookie.accesstoken.control.SessionRevocations;
import dev.tokencookie.operations.control.AuthMetrics;
import dev.tokencookie.settings.control.AuthSettings;
import dev.tokencookie.settings.control.ModuleStarting;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The sessions revoked on any node while their access tokens may still be unexpired, kept in memory and refreshed from
 * the shared database in the background, so that the bearer filter refuses those tokens everywhere within
 * {@code auth.revocation.propagation} without a database query per request.
 */
@ApplicationScoped
public class RevokedSessions implements SessionRevocations {

    private static final Logger LOG = Logger.getLogger(RevokedSessions.class.getName());

    /**
     * How far back each poll looks again before the previous one: a revocation is stamped with its node's clock before
     * its transaction commits, so it may appear in the table a little in the past, by another node's clock. The
     * revoking transactions are single short updates; one that took longer than this to commit would not be seen by
     * the other nodes, where its session's access tokens would then end at their exp.
     */
    static final Duration COMMIT_MARGIN = Duration.ofMinutes(1);

    @Inject
    Sessions sessions;

    @Inject
    AuthSettings settings;

    @Inject
    AuthMetrics metrics;

    /** Set by tests; otherwise the platform's default scheduler. */
    ManagedScheduledExecutorService scheduler;

    Clock clock = Clock.systemUTC();

    /** Session id to the instant of its revocation, so that entries leave once their tokens have all expired. */
    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private volatile Instant lastPoll;
    private boolean failing;
    private volatile ScheduledFuture<?> task;

    void start(@Observes ModuleStarting started) {
        if (scheduler == null) {
            scheduler = DefaultScheduler.lookup("the revoked-session poll");
        }
        metrics.gauge("auth.revoked.sessions", "Revoked logins this node refuses the access tokens of", null, this,
                RevokedSessions::size);
        metrics.gauge("auth.revocation.poll.age", "Time since this node last read the revoked logins of every node"
                + " (NaN before the first read)", "seconds", this, r -> r.pollAge().map(age -> age.toMillis() / 1000.0)
                .orElse(Double.NaN));
        // A node that starts reads every recent revocation before it serves its first request (when the database
        // answers; otherwise from the next poll on).
        poll();
        // Twice per propagation time: a revocation committed just after one poll's read is seen by the next.
        long interval = Math.max(1, settings.accessToken().revocationPropagation().toMillis() / 2);
        task = scheduler.scheduleWithFixedDelay(this::poll, interval, interval, TimeUnit.MILLISECONDS);
    }

    void stopBeforeShutdown(
            @Observes(notifyObserver = Reception.IF_EXISTS) @BeforeDestroyed(ApplicationScoped.class) Object event) {
        stop();
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** Whether the session was revoked (on this node or, as of the last poll, on any other). */
    public boolean isRevoked(String sessionId) {
        return revoked.containsKey(sessionId);
    }

    /** Sessions this node has just revoked: refused here once the revocation commits, not only after the next poll. */
    void revokedHere(@Observes(during = TransactionPhase.AFTER_SUCCESS) SessionsRevoked event) {
        revokedHere(event.sessionIds());
    }

    /** Sessions revoked on this node by other means than this module's classes, such as a team's own store. */
    public void revokedHere(Collection<String> sessionIds) {
        Instant now = clock.instant();
        sessionIds.forEach(id -> revoked.putIfAbsent(id, now));
    }

    /** Reads the recent revocations of every node and forgets those whose access tokens have all expired. */
    synchronized void poll() {
        Instant now = clock.instant();
        Instant since = lastPoll == null
                ? now.minus(settings.revokedSessionRetention())
                : lastPoll.minus(settings.clockSkew().multipliedBy(2)).minus(COMMIT_MARGIN);
        try {
            revoked.putAll(sessions.revokedSince(since));
            lastPoll = now;
            if (failing) {
                LOG.info("Revoked sessions are read from the database again");
                failing = false;
            }
        } catch (Exception e) {
            // Any exception, checked ones too, would end the schedule for good. Until the database answers,
            // revocations made on other nodes since the last poll are not known here; the next poll reads back to the
            // last successful one.
            if (!failing) {
                // The type only: a message could quote SQL.
                LOG.log(Level.WARNING, "Could not read revoked sessions; the filter uses the ones known so far: "
                        + e.getClass().getName());
                failing = true;
            }
        }
        Instant forgetBefore = now.minus(settings.revokedSessionRetention());
        revoked.values().removeIf(at -> at.isBefore(forgetBefore));
    }

    /** Time since the last poll that read the database; empty before the first. */
    Optional<Duration> pollAge() {
        Instant last = lastPoll;
        return last == null ? Optional.empty() : Optional.of(Duration.between(last, clock.instant()));
    }

    /** Whether the poll is still scheduled: false once it ended on its own, which only a restart repairs. */
    boolean isPolling() {
        return DefaultScheduler.isScheduled(task);
    }

    /** How many revoked sessions this node remembers now. */
    int size() {
        return revoked.size();
    }
}
