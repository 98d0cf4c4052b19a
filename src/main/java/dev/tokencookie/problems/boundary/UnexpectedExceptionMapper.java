package dev.tokencookie.problems.boundary;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps stack traces in the server log and out of responses: a defect answers a plain JSON 500.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Exception> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Exception exception) {
        LOG.log(Level.SEVERE, "Unexpected failure of an API request", exception);
        return JsonErrors.response(Response.Status.INTERNAL_SERVER_ERROR, "server_error",
                "The server could not complete the request").build();
    }
}
