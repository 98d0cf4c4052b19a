package dev.tokencookie.problems.boundary;

import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Answers a transaction that failed at commit as any other failure (a 503 when the database is gone), instead of the
 * runtime's own handling, which on Jersey rethrows it into an HTML error page.
 */
@Provider
public class TransactionalExceptionMapper implements ExceptionMapper<TransactionalException> {

    @Override
    public Response toResponse(TransactionalException exception) {
        return UnexpectedExceptionMapper.respond(exception);
    }
}
