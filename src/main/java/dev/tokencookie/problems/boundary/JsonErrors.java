package dev.tokencookie.problems.boundary;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Builds the JSON error bodies of the API, in the shape of OAuth 2.0 errors (RFC 6749 section 5.2):
 * {@code {"error": ..., "error_description": ...}}.
 */
public final class JsonErrors {

    private JsonErrors() {
    }

    public static JsonObject body(String error, String description) {
        return Json.createObjectBuilder().add("error", error).add("error_description", description).build();
    }

    public static Response.ResponseBuilder response(Response.StatusType status, String error, String description) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body(error, description));
    }
}
