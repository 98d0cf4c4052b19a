package dev.tokencookie.refreshtoken.control;

import dev.tokencookie.settings.control.AuthSettings;
import dev.tokencookie.settings.control.ModuleStarting;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes dead sessions (revoked, or past their absolute or idle end) in the background, in bounded batches, so the
 * token table stays bounded however many logins and refreshes come and go; and every few seconds erases the sealed
 * successors whose leeway has ended, whether or not their session is used again.
 */
@ApplicationScoped
public class RefreshTokenPurge {

    private static final Logger LOG = Logger.getLogger(RefreshTokenPurge.class.getName());

    static final int BATCH_SIZE = 500;
    /** Bounds one run; what is left waits for the next. */
    static final int MAX_BATCHES_PER_RUN = 200;
    static final int STOP_WAIT_SECONDS = 30;
    /** How often a node sweeps: a seal outlives its leeway by the sweep's grace and at most this (and a statement). */
    static final Duration SEAL_SWEEP_PERIOD = Duration.ofSeconds(2);

    /** Set by tests; otherwise the platform's default scheduler. */
    ManagedScheduledExecutorService scheduler;

    @Inject
    RefreshTokens refreshTokens;

    @Inject
    AuthSettings settings;

    private volatile ScheduledFuture<?> purgeTask;
    private volatile ScheduledFuture<?> sweepTask;
    private final ReentrantLock purging = new ReentrantLock();
    private final ReentrantLock sweeping = new ReentrantLock();
    private volatile boolean stopped;
    /** Whether the last sweep failed: an outage is logged once, not every two seconds. */
    private boolean sweepFailing;

    void start(@Observes ModuleStarting started) {
        if (scheduler == null) {
            scheduler = DefaultScheduler.lookup("the purge");
        }
        long interval = settings.refreshToken().purgeInterval().toMillis();
        purgeTask = scheduler.scheduleWithFixedDelay(this::purge, interval, interval, TimeUnit.MILLISECONDS);
        long sweep = SEAL_SWEEP_PERIOD.toMillis();
        sweepTask = scheduler.scheduleWithFixedDelay(this::sweepSeals, sweep, sweep, TimeUnit.MILLISECONDS);
    }

    /** Before the application's beans go, so that a run in progress ends while its transaction manager is alive. */
    void stopBeforeShutdown(
            @Observes(notifyObserver = Reception.IF_EXISTS) @BeforeDestroyed(ApplicationScoped.class) Object event) {
        stop();
    }

    /** No new run starts, and one in progress ends first: undeploying mid-run would leave its transaction open. */
    @PreDestroy
    void stop() {
        stopped = true;
        for (ScheduledFuture<?> task : new ScheduledFuture<?>[] {purgeTask, sweepTask}) {
            if (task != null) {
                task.cancel(false);
            }
        }
        awaitEnd(purging, "A purge run");
        awaitEnd(sweeping, "A sweep of sealed successors");
    }

    /**
     * Whether the purge and the sweep are still scheduled: false once one of them ended on an error it did not survive,
     * after which the tables grow until a restart.
     */
    boolean isRunning() {
        return DefaultScheduler.isScheduled(purgeTask) && DefaultScheduler.isScheduled(sweepTask);
    }

    private static void awaitEnd(ReentrantLock running, String what) {
        try {
            // A run stops between batches once it sees the flag; a database that hangs is not waited for forever.
            if (running.tryLock(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                running.unlock();
            } else {
                LOG.warning(what + " did not end within " + STOP_WAIT_SECONDS + " s of the application stopping");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void purge() {
        if (!purging.tryLock()) {
            return;
        }
        try {
            if (!stopped) {
                purgeBatches();
            }
        } finally {
            purging.unlock();
        }
    }

    void sweepSeals() {
        if (!sweeping.tryLock()) {
            return;
        }
        try {
            if (!stopped) {
                refreshTokens.eraseEndedSeals();
                if (sweepFailing) {
                    LOG.info("Sealed successors are swept again");
                    sweepFailing = false;
                }
            }
        } catch (Exception e) {
            // Any exception, checked ones too, would end the schedule; the next sweep erases what this one could not.
            if (!sweepFailing) {
                // The type only: a message could quote SQL.
                LOG.warning("Could not erase ended sealed successors; retrying every " + SEAL_SWEEP_PERIOD.toSeconds()
                        + " s: " + e.getClass().getName());
                sweepFailing = true;
            }
        } finally {
            sweeping.unlock();
        }
    }

    private void purgeBatches() {
        int total = 0;
        try {
            for (int batch = 0; batch < MAX_BATCHES_PER_RUN && !stopped; batch++) {
                int deleted = refreshTokens.purgeDead(BATCH_SIZE);
                total += deleted;
                if (deleted < BATCH_SIZE) {
                    break;
                }
            }
        } catch (Exception e) {
            // Any exception, checked ones too, would end the schedule; a database outage must only skip this run.
            // The type only, as the sweep's: a message could quote SQL.
            LOG.log(Level.WARNING, "Purge of dead sessions failed; the next run retries: " + e.getClass().getName());
        }
        int purged = total;
        LOG.fine(() -> "Purged " + purged + " dead sessions");
    }
}
