package dev.tokencookie.problems.boundary;

import dev.tokencookie.endpoints.boundary.ModuleScope;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Gives the errors that the JAX-RS runtime raises itself (404, 405, 415 and the like) the same JSON body as ours,
 * keeping their status and headers, never stored.
 */
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    /** Empty when no resource matched the request. */
    @Context
    ResourceInfo matched;

    @Override
    public Response toResponse(WebApplicationException exception) {
        if (!ModuleScope.covers(matched)) {
            return exception.getResponse();
        }
        Response original = exception.getResponse();
        if (original.hasEntity()) {
            return original;
        }
        Response.StatusType status = original.getStatusInfo();
        String error = switch (status.getStatusCode()) {
            case 400, 415 -> "invalid_request";
            case 401 -> "unauthorized";
            case 403 -> "insufficient_scope";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            default -> status.getFamily() == Response.Status.Family.SERVER_ERROR ? "server_error" : "invalid_request";
        };
        String description = status.getStatusCode() == 415
                ? "The request body must be application/json"
                : status.getReasonPhrase();
        Response json = Response.fromResponse(original)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(JsonErrors.body(error, description))
                .build();
        // Also where no resource matched (a wrong method on an auth endpoint), which no name-bound filter sees.
        JsonErrors.noStore(json.getHeaders());
        return json;
    }
}
