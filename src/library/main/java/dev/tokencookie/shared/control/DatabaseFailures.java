package dev.tokencookie.shared.control;

import jakarta.resource.ResourceException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Tells a database that cannot answer for now (unreachable, overloaded, a lock or serialization conflict) from a
 * defect, in one place: the boundary answers the first with 503, and so does the login when a user table fails so.
 */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    /**
     * Whether the failure means the database cannot be reached or is overloaded for now, so that a retry may succeed.
     * Other database errors (a missing column, a constraint) are defects and stay 500s with their stack trace.
     */
    public static boolean isTransient(Throwable exception) {
        for (Throwable t : Causes.chain(exception)) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException || t instanceof ResourceException) {
                return true;
            }
            if (t instanceof SQLException sql && isTransientState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTransientState(String state) {
        if (state == null) {
            return false;
        }
        return state.startsWith("08")            // connection exception (SQL standard)
                || state.startsWith("53")        // insufficient resources (PostgreSQL)
                || state.startsWith("57P0")      // admin or crash shutdown, cannot connect now (PostgreSQL)
                || state.equals("40001")         // serialization failure
                || state.equals("40P01")         // deadlock detected (PostgreSQL)
                || state.equals("55P03")         // lock not available (PostgreSQL)
                || state.equals("57014")         // statement cancelled by its query timeout (PostgreSQL)
                || state.equals("HYT00")         // timeout (H2 lock timeout)
                || state.equals("90067")         // connection broken (H2)
                || state.equals("90098");        // database closed (H2)
    }
}
