package dev.tokencookie.problems.boundary;

import dev.tokencookie.endpoints.boundary.ModuleScope;
import dev.tokencookie.shared.control.Causes;
import dev.tokencookie.shared.control.TemporarilyUnavailableException;
import jakarta.resource.ResourceException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps stack traces in the server log and out of responses: an unreachable database answers a JSON 503 that tells the
 * client to retry, and any other defect a JSON 500.
 */
public class UnexpectedExceptionMapper implements ExceptionMapper<Exception> {

    /** Empty when no resource matched the request. */
    @Context
    ResourceInfo matched;

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    /** Seconds a client should wait before it retries after a 503. */
    static final String RETRY_AFTER = "5";

    @Override
    public Response toResponse(Exception exception) {
        if (!ModuleScope.covers(matched)) {
            // A team's resource: its failure, without a body of the module's; the stack trace stays in the log.
            LOG.log(Level.SEVERE, "Unexpected failure of a request", exception);
            return Response.serverError().build();
        }
        return respond(exception);
    }

    static Response respond(Exception exception) {
        boolean storeDown = exception instanceof TemporarilyUnavailableException;
        if (storeDown || isDatabaseFailure(exception)) {
            // The type and SQLState say enough for the database; a message could quote SQL and its values. An identity
            // store's innermost cause says why (refused connection, bad bind), and no store puts a credential in it.
            LOG.log(Level.WARNING, storeDown
                    ? exception.getMessage() + ": " + describe(exception) + ": "
                            + Causes.innermost(exception).getMessage()
                    : "Database unavailable: " + describe(exception));
            return JsonErrors.response(Response.Status.SERVICE_UNAVAILABLE, "temporarily_unavailable",
                    "The service is temporarily unavailable; retry shortly").header("Retry-After", RETRY_AFTER).build();
        }
        LOG.log(Level.SEVERE, "Unexpected failure of an API request", exception);
        return JsonErrors.response(Response.Status.INTERNAL_SERVER_ERROR, "server_error",
                "The server could not complete the request").build();
    }

    /**
     * Whether the failure means the database cannot be reached or is overloaded for now, so that a retry may succeed.
     * Other database errors (a missing column, a constraint) are defects and stay 500s with their stack trace.
     */
    static boolean isDatabaseFailure(Throwable exception) {
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

    private static String describe(Throwable exception) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t : Causes.chain(exception)) {
            chain.append(chain.length() == 0 ? "" : " <- ").append(t.getClass().getName());
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                chain.append(" (SQLState ").append(sql.getSQLState()).append(')');
            }
        }
        return chain.toString();
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
