package dev.tokencookie.operations.control;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Runs a check that may block (a database query) on the platform's scheduler, once a second, so that a probe reads
 * its last result at once: the probe's thread never waits on the database, and a check that hangs shows as one after
 * the time limit.
 */
public final class PeriodicCheck {

    /** How often the check runs: probes come every few seconds. */
    static final Duration INTERVAL = Duration.ofSeconds(1);

    /** The platform's default scheduler, by its standard name (Jakarta Concurrency). */
    private static final String SCHEDULER = "java:comp/DefaultManagedScheduledExecutorService";

    /** What the check does; its exception is the problem, named by its type only (a message may quote SQL). */
    @FunctionalInterface
    public interface Check {
        void run() throws Exception;
    }

    private final String what;
    private final Duration limit;
    private final Check check;
    private final Clock clock;

    private volatile Instant runningSince;
    private volatile Instant lastSuccess;
    private volatile String lastProblem = "not checked yet";
    private volatile ScheduledFuture<?> task;

    /**
     * @param what  the thing checked, as the problem names it ("the database")
     * @param limit the longest a check may take before it counts as not answering
     */
    public PeriodicCheck(String what, Duration limit, Check check, Clock clock) {
        this.what = what;
        this.limit = limit;
        this.check = check;
        this.clock = clock;
    }

    /** Starts the checks; called on the application's thread, whose naming context has the scheduler. */
    public void start() {
        ManagedScheduledExecutorService scheduler;
        try {
            scheduler = InitialContext.doLookup(SCHEDULER);
        } catch (NamingException e) {
            throw new IllegalStateException("No " + SCHEDULER + " to check " + what + " on", e);
        }
        task = scheduler.scheduleWithFixedDelay(this::runOnce, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void stop() {
        ScheduledFuture<?> scheduled = task;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }

    /** One check now; the scheduler calls it, and so may a test. */
    public void runOnce() {
        Instant started = clock.instant();
        runningSince = started;
        try {
            check.run();
            Duration took = Duration.between(started, clock.instant());
            if (took.compareTo(limit) > 0) {
                lastProblem = what + " took " + seconds(took) + " to answer, more than " + seconds(limit);
            } else {
                lastProblem = null;
                lastSuccess = started;
            }
        } catch (Exception e) {
            lastProblem = what + " did not answer: " + e.getClass().getName();
        } catch (Error e) {
            lastProblem = what + " failed: " + e.getClass().getName();
            throw e;
        } finally {
            runningSince = null;
        }
    }

    /** What is wrong as of the last check, or a check under way for longer than the limit; empty when fine. */
    public Optional<String> problem() {
        Instant now = clock.instant();
        Instant since = runningSince;
        if (since != null && Duration.between(since, now).compareTo(limit) > 0) {
            return Optional.of(what + " has not answered for " + seconds(Duration.between(since, now)));
        }
        String problem = lastProblem;
        if (problem != null) {
            return Optional.of(problem);
        }
        Instant success = lastSuccess;
        if (success != null && Duration.between(success, now).compareTo(limit.plus(INTERVAL).multipliedBy(2)) > 0) {
            return Optional.of(what + " was last checked " + seconds(Duration.between(success, now)) + " ago");
        }
        return Optional.empty();
    }

    /** Whether the checks still run: false once the task has ended on its own, which only a restart repairs. */
    public boolean isRunning() {
        ScheduledFuture<?> scheduled = task;
        return scheduled == null || !scheduled.isDone() || scheduled.isCancelled();
    }

    private static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
