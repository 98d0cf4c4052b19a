package dev.tokencookie.problems.boundary;

import dev.tokencookie.endpoints.boundary.ModuleScope;
import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Answers a transaction that failed at commit as any other failure (a 503 when the database is gone), instead of the
 * runtime's own handling, which on Jersey rethrows it into an HTML error page.
 */
public class TransactionalExceptionMapper implements ExceptionMapper<TransactionalException> {

    /** Empty when no resource matched the request. */
    @Context
    ResourceInfo matched;

    @Override
    public Response toResponse(TransactionalException exception) {
        if (!ModuleScope.covers(matched)) {
            return Response.serverError().build();
        }
        return UnexpectedExceptionMapper.respond(exception);
    }
}
