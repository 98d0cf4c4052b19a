package dev.tokencookie.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What a class logs while a test runs, so that the test can hold what an outage logs and how often; records may come
 * from a scheduler's thread.
 */
public final class CapturedLog extends Handler {

    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private CapturedLog(Logger logger) {
        this.logger = logger;
    }

    /** Starts capturing the logger named after the class; {@link #close()} stops. */
    public static CapturedLog of(Class<?> source) {
        CapturedLog log = new CapturedLog(Logger.getLogger(source.getName()));
        log.logger.addHandler(log);
        return log;
    }

    /** The messages logged at exactly this level, unformatted, in order. */
    public List<String> messages(Level level) {
        return records.stream().filter(r -> r.getLevel() == level).map(LogRecord::getMessage).toList();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
