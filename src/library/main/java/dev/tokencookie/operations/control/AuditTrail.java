package dev.tokencookie.operations.control;

import dev.tokencookie.settings.control.AuthSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
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

    /** A file of the audit trail rotates at 10 MB, keeping 10. */
    static final int FILE_LIMIT = 10 * 1024 * 1024;
    static final int FILE_COUNT = 10;

    /** The audit line alone, as the file's one format. */
    private static final class LineOnly extends Formatter {
        @Override
        public String format(LogRecord record) {
            return record.getMessage() + System.lineSeparator();
        }
    }

    @Inject
    AuthMetrics metrics;

    @Inject
    AuthSettings settings;

    private Handler file;

    @Inject
    Event<SecurityEvent> observers;

    /**
     * Opens {@code auth.audit.file}: the servers disagree on how to give one logger a file of its own (Payara applies
     * no per-logger handler from its logging.properties), so the module offers it. The lines still reach the server's
     * log too.
     */
    @PostConstruct
    void openFile() {
        Optional<Path> path = settings.auditFile();
        if (path.isEmpty()) {
            return;
        }
        try {
            FileHandler handler = new FileHandler(path.get().toString(), FILE_LIMIT, FILE_COUNT, true);
            handler.setEncoding(StandardCharsets.UTF_8.name());
            handler.setFormatter(new LineOnly());
            handler.setLevel(Level.INFO);
            AUDIT.addHandler(handler);
            file = handler;
        } catch (IOException e) {
            throw new IllegalStateException("auth.audit.file cannot be opened: " + path.get(), e);
        }
    }

    @PreDestroy
    void closeFile() {
        if (file != null) {
            AUDIT.removeHandler(file);
            file.close();
        }
    }

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
