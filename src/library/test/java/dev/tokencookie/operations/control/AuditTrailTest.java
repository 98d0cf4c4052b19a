package dev.tokencookie.operations.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.operations.control.SecurityEvent.Kind;
import dev.tokencookie.operations.control.SecurityEvent.Outcome;
import dev.tokencookie.settings.control.InvalidSettingException;
import dev.tokencookie.settings.control.TestSettings;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class AuditTrailTest {

    /** What CDI would hand to asynchronous observers; here an observer that fails. */
    private static final class FailingObservers implements Event<SecurityEvent> {
        final List<SecurityEvent> fired = new ArrayList<>();

        @Override
        public void fire(SecurityEvent event) {
            throw new UnsupportedOperationException("the trail fires asynchronously only");
        }

        @Override
        public <U extends SecurityEvent> CompletionStage<U> fireAsync(U event) {
            fired.add(event);
            return CompletableFuture.failedFuture(new IllegalStateException("a team's observer failed"));
        }

        @Override
        public <U extends SecurityEvent> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            return fireAsync(event);
        }

        @Override
        public Event<SecurityEvent> select(Annotation... qualifiers) {
            return this;
        }

        @Override
        public <U extends SecurityEvent> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends SecurityEvent> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void theAuditFileGetsTheLinesAloneAndAFailingObserverChangesNothing(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("audit.log");
        AuditTrail trail = new AuditTrail();
        trail.metrics = AuthMetrics.unscraped();
        trail.settings = TestSettings.with("auth.audit.file", file.toString());
        FailingObservers observers = new FailingObservers();
        trail.observers = observers;
        trail.openFile(null);
        SecurityEvent event = new SecurityEvent(Instant.parse("2026-12-03T10:00:00Z"), Kind.LOGIN,
                Outcome.INVALID_CREDENTIALS, "mallory", null, "192.0.2.9", "curl/8", null);
        try {
            trail.record(event);
        } finally {
            trail.closeFile();
        }

        // Rotated files are numbered: java.util.logging appends .0, .1 ... where the pattern has no %g.
        assertEquals(List.of(AuditLine.of(event)), Files.readAllLines(directory.resolve("audit.log.0"),
                StandardCharsets.UTF_8));
        assertEquals(List.of(event), observers.fired);
        assertTrue(trail.metrics.scrape().contains("auth_logins_total{outcome=\"invalid_credentials\"} 1.0"));
    }

    @Test
    void withTheServerLogOffTheLinesGoToTheFileAlone(@TempDir Path directory) throws Exception {
        SecurityEvent event = new SecurityEvent(Instant.parse("2026-12-05T10:00:00Z"), Kind.REFRESH, Outcome.ROTATED,
                "alice", "s1", "192.0.2.9", "curl/8", null);
        try (ServerLog serverLog = new ServerLog()) {
            record(event, directory.resolve("on.log"), "true");
            assertEquals(List.of(AuditLine.of(event)), serverLog.lines(),
                    "by default the server's log has the line too");
        }
        try (ServerLog serverLog = new ServerLog()) {
            record(event, directory.resolve("off.log"), "false");
            assertEquals(List.of(), serverLog.lines());
            assertEquals(List.of(AuditLine.of(event)), Files.readAllLines(directory.resolve("off.log.0"),
                    StandardCharsets.UTF_8));
        }
    }

    @Test
    void aLineTheFileDoesNotTakeGoesToTheServersLogThoughItIsOff(@TempDir Path directory) {
        SecurityEvent event = new SecurityEvent(Instant.parse("2026-12-05T10:00:00Z"), Kind.LOGOUT, Outcome.SUCCESS,
                "alice", "s1", "192.0.2.9", "curl/8", null);
        AuditTrail trail = withTheServerLogOff(directory);
        // As a full disk: the handler reports the failed write to its error manager and throws nothing.
        trail.useFile(new StreamHandler(OutputStream.nullOutputStream(), new SimpleFormatter()) {
            @Override
            public synchronized void publish(LogRecord record) {
                reportError("disk full", new IOException("No space left on device"), ErrorManager.WRITE_FAILURE);
            }
        });
        try (ServerLog serverLog = new ServerLog()) {
            trail.record(event);
            trail.record(event);
            assertEquals(List.of(AuditLine.of(event), AuditLine.of(event)), serverLog.lines());
            assertEquals(List.of("The audit file did not take a security event's line; the server's log has it"),
                    serverLog.warningsOfTheFile(), "one warning for the failing file, not one per line");
        }
    }

    @Test
    @Timeout(30)
    void aLineRecordedAsTheFileClosesReachesTheServersLogThoughItIsOff(@TempDir Path directory) throws Exception {
        SecurityEvent event = new SecurityEvent(Instant.parse("2026-12-05T10:00:00Z"), Kind.LOGOUT, Outcome.SUCCESS,
                "alice", "s1", "192.0.2.9", "curl/8", null);
        AuditTrail trail = withTheServerLogOff(directory);
        // As a closed FileHandler: it drops a line without telling its error manager. Its publish takes no lock of its
        // own (a FileHandler's takes the handler's monitor on Java 17, only around the write on 25), so that only the
        // module's lock can hold the recording thread.
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        Handler file = new Handler() {
            private volatile boolean closed;

            @Override
            public void publish(LogRecord record) {
                if (!closed) {
                    written.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
                closed = true;
            }
        };
        trail.useFile(file);
        try (ServerLog serverLog = new ServerLog()) {
            Thread recording = new Thread(() -> trail.record(event));
            recording.setDaemon(true);
            synchronized (file) {
                // The recording thread has read the open handler and waits for the module's lock on it; then the WAR
                // is undeployed. Without that lock the thread would write to the open file and never wait here.
                recording.start();
                while (!waitsInToFile(recording)) {
                    assertTrue(recording.isAlive(), "the recording thread waits for the handler's lock");
                    Thread.sleep(1);
                }
                trail.closeFile();
            }
            recording.join(10_000);

            assertFalse(recording.isAlive(), "the recording ended");
            assertEquals(List.of(), written, "the closed file took nothing");
            assertEquals(List.of(AuditLine.of(event)), serverLog.lines());
            assertEquals(List.of(), serverLog.warningsOfTheFile(), "no warning of a failing file: the WAR closed it");
        }
    }

    /** A trail whose lines go to its file alone, with no file opened yet: the test gives it a handler of its own. */
    private static AuditTrail withTheServerLogOff(Path directory) {
        AuditTrail trail = new AuditTrail();
        trail.metrics = AuthMetrics.unscraped();
        trail.settings = TestSettings.with("auth.audit.file", directory.resolve("audit.log").toString(),
                "auth.audit.server-log", "false");
        trail.observers = new FailingObservers();
        return trail;
    }

    /**
     * What reaches the server's log while open: the audit lines, and the module's warnings of its file without the
     * failing observers' (which come on threads of their own).
     */
    private static final class ServerLog implements AutoCloseable {

        private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        // Held here: the log manager keeps only weak references to loggers, and a handler dies with its logger.
        private final Logger audit = Logger.getLogger(AuditTrail.LOGGER);
        private final Logger module = Logger.getLogger(AuditTrail.class.getName());
        private final Handler auditLines = capturing(lines);
        private final Handler moduleWarnings = capturing(warnings);

        ServerLog() {
            audit.addHandler(auditLines);
            module.addHandler(moduleWarnings);
        }

        List<String> lines() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }

        List<String> warningsOfTheFile() {
            synchronized (warnings) {
                return warnings.stream().filter(warning -> warning.startsWith("The audit file")).toList();
            }
        }

        @Override
        public void close() {
            audit.removeHandler(auditLines);
            module.removeHandler(moduleWarnings);
        }
    }

    private static boolean waitsInToFile(Thread thread) {
        return thread.getState() == Thread.State.BLOCKED && Arrays.stream(thread.getStackTrace())
                .anyMatch(frame -> frame.getClassName().equals(AuditTrail.class.getName())
                        && frame.getMethodName().equals("toFile"));
    }

    private static Handler capturing(List<String> lines) {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }

    private static void record(SecurityEvent event, Path file, String serverLog) {
        AuditTrail trail = new AuditTrail();
        trail.metrics = AuthMetrics.unscraped();
        trail.settings = TestSettings.with("auth.audit.file", file.toString(), "auth.audit.server-log", serverLog);
        trail.observers = new FailingObservers();
        trail.openFile(null);
        try {
            trail.record(event);
        } finally {
            trail.closeFile();
        }
    }

    @Test
    void theServerLogMayBeOffOnlyWhereAFileHasTheLines() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> TestSettings.with("auth.audit.server-log", "false"));
        assertTrue(e.getMessage().contains("auth.audit.server-log"), e.getMessage());
    }

    @Test
    void anAuditFileTheServerCannotOpenFailsTheDeploymentNamingTheSetting(@TempDir Path directory) throws Exception {
        // Where the first file would go stands a directory: no file can be opened there, whoever the server runs as.
        Files.createDirectory(directory.resolve("audit.log.0"));
        AuditTrail trail = new AuditTrail();
        trail.settings = TestSettings.with("auth.audit.file", directory.resolve("audit.log").toString());

        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> trail.openFile(null));

        assertTrue(e.getMessage().contains("auth.audit.file"), e.getMessage());
    }

    @Test
    void aFailingMetricsRegistryOrLoggerChangesNoAnswer() {
        AuditTrail trail = new AuditTrail();
        trail.metrics = null;
        trail.settings = TestSettings.with();
        trail.observers = new FailingObservers();

        assertDoesNotThrow(() -> trail.record(SecurityEvent.of(Kind.LOGOUT, Outcome.SUCCESS, "u", "s", "192.0.2.1",
                null)), "metrics that fail (here: none at all) leave the caller's answer alone");
    }

    @Test
    void anAuditFileInADirectoryThatDoesNotExistFailsTheDeploymentNamingTheSetting(@TempDir Path directory) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> TestSettings.with(
                "auth.audit.file", directory.resolve("missing").resolve("audit.log").toString()));
        assertTrue(e.getMessage().contains("auth.audit.file"), e.getMessage());
    }
}
