package dev.tokencookie.operations.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where every security event goes, once its work is committed: counted in the metrics, written as one line on the
 * audit logger, and handed to the team's observers asynchronously, so that an observer that throws or is slow changes
 * neither the answer nor its time.
 */
@ApplicationScoped
public class AuditTrail {

    /** The logger of the audit lines, apart from the module's other logging so that it can go to a file of its own. */
    public static final String LOGGER = "dev.tokencookie.audit";

    private static final Logger AUDIT = Logger.getLogger(LOGGER);
    private static final Logger LOG = Logger.getLogger(AuditTrail.class.getName());

    @Inject
    AuthMetrics metrics;

    @Inject
    Event<SecurityEvent> observers;

    /** Records an event whose outcome is final (its transaction, if any, has committed). */
    public void record(SecurityEvent event) {
        metrics.count(event);
        if (AUDIT.isLoggable(Level.INFO)) {
            AUDIT.info(AuditLine.of(event));
        }
        try {
            observers.fireAsync(event).exceptionally(failure -> {
                // The type only: an observer's message is the team's text and may quote anything.
                LOG.warning(() -> "An observer of SecurityEvent failed: " + failure.getClass().getName());
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warning(() -> "SecurityEvent could not be handed to observers: " + e.getClass().getName());
        }
    }
}
