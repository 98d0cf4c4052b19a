package dev.tokencookie.problems.boundary;

import static dev.tokencookie.shared.control.Jsonp.JSON;

import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Builds the JSON error bodies of the API, in the shape of OAuth 2.0 errors (RFC 6749 section 5.2):
 * {@code {"error": ..., "error_description": ...}}.
 */
public final class JsonErrors {

    private JsonErrors() {
    }

    public static JsonObject body(String error, String description) {
        return JSON.createObjectBuilder().add("error", error).add("error_description", description).build();
    }

    /** An error answer, never stored: it answers one request. */
    public static Response.ResponseBuilder response(Response.StatusType status, String error, String description) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body(error, description))
                .header("Cache-Control", "no-store").header("Pragma", "no-cache");
    }

    /**
     * Keeps an answer out of browser and proxy caches: the auth endpoints' answers carry tokens, and an error answers
     * one request only.
     */
    public static void noStore(MultivaluedMap<String, Object> headers) {
        headers.putSingle("Cache-Control", "no-store");
        headers.putSingle("Pragma", "no-cache");
    }

    /** The same body from a servlet filter, before any JAX-RS runtime: never cached, as it answers one request. */
    public static void write(HttpServletResponse response, int status, String error, String description)
            throws IOException {
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(MediaType.APPLICATION_JSON);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(body(error, description).toString());
    }
}
