package dev.tokencookie.problems.boundary;

import dev.tokencookie.endpoints.boundary.ModuleScope;
import dev.tokencookie.shared.control.Causes;
import dev.tokencookie.shared.control.DatabaseFailures;
import dev.tokencookie.shared.control.TemporarilyUnavailableException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.sql.SQLException;
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
        if (storeDown || DatabaseFailures.isTransient(exception)) {
            // The types and SQLStates say enough, and a database's message could quote SQL and its values (the typed
            // name). A directory's says why (refused connection, refused bind) and holds no credential; the control
            // characters go, so that no name can forge a line of the log.
            boolean sql = Causes.chain(exception).stream().anyMatch(t -> t instanceof SQLException);
            String detail = storeDown && !sql
                    ? ": " + String.valueOf(Causes.innermost(exception).getMessage()).replaceAll("\\p{Cntrl}", " ")
                    : "";
            LOG.log(Level.WARNING, (storeDown ? exception.getMessage() : "Database unavailable") + ": "
                    + describe(exception) + detail);
            return JsonErrors.response(Response.Status.SERVICE_UNAVAILABLE, "temporarily_unavailable",
                    "The service is temporarily unavailable; retry shortly").header("Retry-After", RETRY_AFTER).build();
        }
        LOG.log(Level.SEVERE, "Unexpected failure of an API request", exception);
        return JsonErrors.response(Response.Status.INTERNAL_SERVER_ERROR, "server_error",
                "The server could not complete the request").build();
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
}
