package dev.tokencookie.refreshtoken.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sweep of sealed successors as the scheduler runs it: a database that fails does not end the schedule, and an
 * outage is logged once, not every two seconds.
 */
class RefreshTokenPurgeTest {

    private final Logger logger = Logger.getLogger(RefreshTokenPurge.class.getName());
    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        logger.addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(handler);
    }

    @Test
    void aFailingSweepIsLoggedOnceAndTheNextSweepRunsAgain() {
        List<String> outcomes = new ArrayList<>(List.of("fail", "fail", "fail", "ok", "ok"));
        RefreshTokenPurge purge = new RefreshTokenPurge();
        purge.refreshTokens = new RefreshTokens() {
            @Override
            public int eraseEndedSeals() {
                if (outcomes.remove(0).equals("fail")) {
                    throw new IllegalStateException("database gone, SELECT ... quoted here");
                }
                return 1;
            }
        };

        for (int i = 0; i < 5; i++) {
            purge.sweepSeals();
        }

        assertTrue(outcomes.isEmpty(), "every scheduled sweep ran: " + outcomes);
        List<LogRecord> warnings = logged.stream().filter(r -> r.getLevel() == Level.WARNING).toList();
        assertEquals(1, warnings.size(), "one line for the whole outage");
        assertTrue(warnings.get(0).getMessage().endsWith("java.lang.IllegalStateException"),
                "the type only, never the message: " + warnings.get(0).getMessage());
        assertEquals(1, logged.stream().filter(r -> r.getLevel() == Level.INFO).count(), "and one when it ends");
    }
}
