package dev.tokencookie.it.deployed;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Test-only: captures everything the server logs (the module at every level, the rest at its configured level), with
 * stack traces, and shows it over HTTP, so a test can search the log for secrets.
 */
@WebListener
@WebServlet("/test-support/log")
public class LogCapture extends HttpServlet implements ServletContextListener {

    private static final int MAX_RECORDS = 20_000;
    private static final Deque<String> RECORDS = new ConcurrentLinkedDeque<>();
    // The deque's own size() walks every node: at 20,000 records that cost more than the request that logged.
    private static final AtomicInteger HELD = new AtomicInteger();
    // Held here so that the configured level is not lost with a garbage-collected logger.
    private static final Logger MODULE = Logger.getLogger("dev.tokencookie");
    private static final Handler HANDLER = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            StringWriter text = new StringWriter();
            text.append(record.getLevel().getName()).append(' ').append(String.valueOf(record.getLoggerName()))
                    .append(": ").append(formatter.formatMessage(record));
            if (record.getThrown() != null) {
                record.getThrown().printStackTrace(new PrintWriter(text));
            }
            RECORDS.add(text.toString());
            if (HELD.incrementAndGet() > MAX_RECORDS && RECORDS.pollFirst() != null) {
                HELD.decrementAndGet();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Override
    public void contextInitialized(ServletContextEvent event) {
        HANDLER.setLevel(Level.ALL);
        MODULE.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(HANDLER);
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        Logger.getLogger("").removeHandler(HANDLER);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(String.join("\n", RECORDS));
    }
}
