package dev.tokencookie.problems.boundary;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Builds the JSON error bodies of the API, in the shape of OAuth 2.0 errors (RFC 6749 section 5.2):
 * {@code {"error": ..., "error_description": ...}}.
 */
public final class JsonErrors {

    // Json.createObjectBuilder() and its siblings look the provider up through the ServiceLoader on every call, which
    // on Payara cost more than the rest of a request; the provider looked up once does not.
    private static final JsonProvider JSON = JsonProvider.provider();

    private JsonErrors() {
    }

    public static JsonObject body(String error, String description) {
        return JSON.createObjectBuilder().add("error", error).add("error_description", description).build();
    }

    public static Response.ResponseBuilder response(Response.StatusType status, String error, String description) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body(error, description));
    }
}
