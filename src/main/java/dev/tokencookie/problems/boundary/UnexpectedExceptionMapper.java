package dev.tokencookie.problems.boundary;

import jakarta.persistence.PersistenceException;
import jakarta.resource.ResourceException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps stack traces in the server log and out of responses: an unreachable database answers a JSON 503 that tells the
 * client to retry, and any other defect a JSON 500.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Exception> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    /** Seconds a client should wait before it retries after a 503. */
    static final String RETRY_AFTER = "5";

    @Override
    public Response toResponse(Exception exception) {
        return respond(exception);
    }

    static Response respond(Exception exception) {
        if (isDatabaseFailure(exception)) {
            LOG.log(Level.WARNING, "Database unavailable: " + exception);
            return JsonErrors.response(Response.Status.SERVICE_UNAVAILABLE, "temporarily_unavailable",
                    "The service is temporarily unavailable; retry shortly").header("Retry-After", RETRY_AFTER).build();
        }
        LOG.log(Level.SEVERE, "Unexpected failure of an API request", exception);
        return JsonErrors.response(Response.Status.INTERNAL_SERVER_ERROR, "server_error",
                "The server could not complete the request").build();
    }

    /**
     * JPA, JTA and the connection pool wrap a lost database in their own exceptions (PersistenceException,
     * TransactionalException, RollbackException, ResourceException); somewhere in the chain there is one of these.
     */
    static boolean isDatabaseFailure(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException || t instanceof PersistenceException
                    || t instanceof ResourceException) {
                return true;
            }
        }
        return false;
    }
}
