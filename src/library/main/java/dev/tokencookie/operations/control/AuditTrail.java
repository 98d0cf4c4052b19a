package dev.tokencookie.operations.control;

import dev.tokencookie.settings.control.AuthSettings;
import dev.tokencookie.settings.control.InvalidSettingException;
import dev.tokencookie.settings.control.ModuleStarting;
import dev.tokencookie.settings.control.Setting;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.ErrorManager;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Where every security event goes, once its work is committed: counted in the metrics, written as one line on the
 * audit logger, the module's audit file or both, and handed to the team's observers asynchronously, so that an observer
 * that throws or is slow changes neither the answer nor its time.
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
    private static final Duration FILE_WARNING_INTERVAL = Duration.ofMinutes(1);

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

    private volatile Handler file;

    /**
     * A handler reports a failed write to its error manager, on the thread that wrote, and throws nothing; the JDK's
     * own manager prints the first failure and forgets the rest. This one remembers it for that thread's
     * {@link #toFile}, so that no line is lost without a trace where the file is the only copy.
     */
    private static final class FailedWrites extends ErrorManager {
        private final ThreadLocal<Boolean> failed = new ThreadLocal<>();

        @Override
        public void error(String message, Exception exception, int code) {
            failed.set(Boolean.TRUE);
        }

        boolean failedHere() {
            boolean here = failed.get() != null;
            failed.remove();
            return here;
        }
    }

    private final FailedWrites writes = new FailedWrites();

    private final AtomicLong nextFileWarning = new AtomicLong(System.nanoTime());

    @Inject
    Event<SecurityEvent> observers;

    /**
     * Opens {@code auth.audit.file} as the module starts, so that a file that cannot be opened fails the deployment
     * naming the setting. The servers disagree on how to give one logger a file of its own (Payara applies no
     * per-logger handler from its logging.properties), so the module writes it. It writes the file itself rather than
     * through the logger, which a server may share between WARs: each WAR's file holds that WAR's lines only.
     */
    void openFile(@Observes ModuleStarting starting) {
        Optional<Path> path = settings.audit().file();
        if (path.isEmpty()) {
            return;
        }
        try {
            FileHandler handler = new FileHandler(path.get().toString(), FILE_LIMIT, FILE_COUNT, true);
            handler.setEncoding(StandardCharsets.UTF_8.name());
            handler.setFormatter(new LineOnly());
            useFile(handler);
        } catch (IOException | SecurityException e) {
            throw new InvalidSettingException(Setting.AUDIT_FILE, path.get().toString(),
                    "must be a file the server can write: " + e.getClass().getName());
        }
    }

    /** Whether the module's audit file took the line; false without a file, or where it could not write. */
    private boolean toFile(String line) {
        Handler opened = file;
        if (opened == null) {
            return false;
        }
        // Under the monitor that closeFile holds while it closes: a handler closed after it was read here would drop
        // the line without a word to the error manager, and the line would be nowhere with the server's log off.
        synchronized (opened) {
            if (file != opened) {
                return false;
            }
            opened.publish(new LogRecord(Level.INFO, line));
        }
        return !writes.failedHere();
    }

    /** At most one warning a minute: a full disk fails every line, and the server's log has each of them instead. */
    private void warnOfTheFile() {
        long now = System.nanoTime();
        long due = nextFileWarning.get();
        if (now - due >= 0 && nextFileWarning.compareAndSet(due, now + FILE_WARNING_INTERVAL.toNanos())) {
            LOG.warning("The audit file did not take a security event's line; the server's log has it");
        }
    }

    /** Gives the file handler the error manager that tells {@link #toFile} of a failed write. */
    void useFile(Handler handler) {
        handler.setErrorManager(writes);
        file = handler;
    }

    @PreDestroy
    void closeFile() {
        Handler opened = file;
        if (opened != null) {
            synchronized (opened) {
                file = null;
                opened.close();
            }
        }
    }

    /**
     * Records an event whose outcome is final (its transaction, if any, has committed). It never throws: the answer to
     * the client is decided, and neither a full disk nor a failing observer may turn it into an error.
     */
    public void record(SecurityEvent event) {
        try {
            metrics.count(event);
            String line = AuditLine.of(event);
            boolean filed = toFile(line);
            // With the server's log off, the file is the one copy: a line it did not take goes to the server's log.
            if ((settings.audit().serverLog() || !filed) && AUDIT.isLoggable(Level.INFO)) {
                // The source named, so that no handler walks the stack to find it for each line.
                AUDIT.logp(Level.INFO, AuditTrail.class.getName(), "record", line);
            }
            // Not as the WAR closes the file: the warning is for a file that fails its writes, a full disk.
            if (!filed && file != null) {
                warnOfTheFile();
            }
            observers.fireAsync(event).exceptionally(failure -> {
                // The types only: an observer's message is the team's text and may quote anything. CDI gathers the
                // observers' exceptions as suppressed ones of its own.
                LOG.warning(() -> "An observer of SecurityEvent failed: " + Arrays.stream(failure.getSuppressed())
                        .map(t -> t.getClass().getName()).collect(Collectors.joining(", ", "[", "]"))
                        + " in " + failure.getClass().getName());
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warning(() -> "A security event was not recorded in full: " + e.getClass().getName());
        }
    }
}
