package dev.tokencookie.refreshtoken.control;

import dev.tokencookie.settings.control.AuthSettings;
import dev.tokencookie.settings.control.SettingsRead;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes dead sessions (revoked, or past their absolute or idle end) in the background, in bounded batches, so the
 * token table stays bounded however many logins and refreshes come and go.
 */
@ApplicationScoped
public class RefreshTokenPurge {

    private static final Logger LOG = Logger.getLogger(RefreshTokenPurge.class.getName());

    static final int BATCH_SIZE = 500;
    /** Bounds one run; what is left waits for the next. */
    static final int MAX_BATCHES_PER_RUN = 200;
    static final int STOP_WAIT_SECONDS = 30;

    /** Set by tests; otherwise the platform's default scheduler. */
    ManagedScheduledExecutorService scheduler;

    @Inject
    RefreshTokens refreshTokens;

    @Inject
    AuthSettings settings;

    private ScheduledFuture<?> task;
    private final ReentrantLock running = new ReentrantLock();
    private volatile boolean stopped;

    void start(@Observes SettingsRead started) {
        if (scheduler == null) {
            scheduler = DefaultScheduler.lookup("the purge");
        }
        long interval = settings.purgeInterval().toMillis();
        task = scheduler.scheduleWithFixedDelay(this::purge, interval, interval, TimeUnit.MILLISECONDS);
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
        if (task != null) {
            task.cancel(false);
        }
        try {
            // A run stops between batches once it sees the flag; a database that hangs is not waited for forever.
            if (running.tryLock(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                running.unlock();
            } else {
                LOG.warning("A purge run did not end within " + STOP_WAIT_SECONDS + " s of the application stopping");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void purge() {
        if (!running.tryLock()) {
            return;
        }
        try {
            if (!stopped) {
                purgeBatches();
            }
        } finally {
            running.unlock();
        }
    }

    private void purgeBatches() {
        int total = 0;
        try {
            refreshTokens.forgetExpiredSuccessors();
            for (int batch = 0; batch < MAX_BATCHES_PER_RUN && !stopped; batch++) {
                int deleted = refreshTokens.purgeDead(BATCH_SIZE);
                total += deleted;
                if (deleted < BATCH_SIZE) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            // An exception would cancel the schedule; a database outage must only skip this run.
            LOG.log(Level.WARNING, "Purge of dead sessions failed; the next run retries: " + e);
        }
        int purged = total;
        LOG.fine(() -> "Purged " + purged + " dead sessions");
    }
}
