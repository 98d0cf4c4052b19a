package dev.tokencookie.shared.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseFailuresTest {

    /** As EclipseLink or Hibernate wrap what the driver threw, a few levels deep. */
    private static RuntimeException wrapped(String sqlState) {
        return new IllegalStateException("transaction failed",
                new RuntimeException("query failed", new SQLException("driver message", sqlState)));
    }

    @Test
    void aDatabaseThatIsAwayOrBusyIsARetry() {
        for (String state : new String[] {"08006", "57P01", "53300", "40001", "40P01", "55P03", "57014", "HYT00",
                "90067"}) {
            assertTrue(DatabaseFailures.isTransient(wrapped(state)), state);
        }
    }

    @Test
    void otherDatabaseErrorsAreDefects() {
        for (String state : new String[] {"23505", "42P01", "42703", "22001"}) {
            assertFalse(DatabaseFailures.isTransient(wrapped(state)), state);
        }
        assertFalse(DatabaseFailures.isTransient(new IllegalStateException("no SQL at all")));
    }
}
