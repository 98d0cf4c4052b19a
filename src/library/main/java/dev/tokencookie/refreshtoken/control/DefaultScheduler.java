package dev.tokencookie.refreshtoken.control;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Finds the platform's default scheduler for the module's background work, on every server and in a library jar.
 */
final class DefaultScheduler {

    /** The platform's default scheduler, by its standard name (Jakarta Concurrency). */
    static final String NAME = "java:comp/DefaultManagedScheduledExecutorService";

    private DefaultScheduler() {
    }

    // Looked up rather than injected with @Resource: Payara does not resolve @Resource fields of CDI beans that sit in
    // a library jar in WEB-INF/lib, and the module must work as such a library too.
    static ManagedScheduledExecutorService lookup(String purpose) {
        try {
            return InitialContext.doLookup(NAME);
        } catch (NamingException e) {
            throw new IllegalStateException("No " + NAME + " to run " + purpose + " on", e);
        }
    }

    /**
     * Whether a periodic task is still scheduled: false once it ended on its own (a periodic task that throws is not
     * run again), which only a restart repairs; true before it is scheduled and after it was cancelled on purpose.
     */
    static boolean isScheduled(ScheduledFuture<?> task) {
        return task == null || !task.isDone() || task.isCancelled();
    }
}
