package dev.tokencookie.problems.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class UnexpectedExceptionMapperTest {

    /** As EclipseLink or Hibernate wrap what the driver threw, a few levels deep. */
    private static RuntimeException wrapped(String sqlState) {
        return new IllegalStateException("transaction failed",
                new RuntimeException("query failed", new SQLException("driver message", sqlState)));
    }

    @Test
    void aDatabaseThatIsAwayOrBusyIsARetry() {
        for (String state : new String[] {"08006", "57P01", "53300", "40001", "40P01", "55P03", "57014", "HYT00",
                "90067"}) {
            assertTrue(UnexpectedExceptionMapper.isDatabaseFailure(wrapped(state)), state);
        }
    }

    @Test
    void otherDatabaseErrorsAreDefects() {
        for (String state : new String[] {"23505", "42P01", "42703", "22001"}) {
            assertFalse(UnexpectedExceptionMapper.isDatabaseFailure(wrapped(state)), state);
        }
        assertFalse(UnexpectedExceptionMapper.isDatabaseFailure(new IllegalStateException("no SQL at all")));
    }
}
