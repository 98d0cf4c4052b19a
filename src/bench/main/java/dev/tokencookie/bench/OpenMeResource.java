package dev.tokencookie.bench;

import static dev.tokencookie.shared.control.Jsonp.JSON;

import dev.tokencookie.accesstoken.boundary.OpenEndpoint;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Bench-only: the same answer as {@code /api/me} for ben, through the same JAX-RS stack, but outside the filter: the
 * baseline that shows what the filter adds.
 */
@Path("bench")
@RequestScoped
public class OpenMeResource {

    /** Outside the filter (excluded-paths), and so an open endpoint. */
    @GET
    @OpenEndpoint
    @Path("open-me")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject open() {
        return body();
    }

    /** Behind the filter, but without reading the token: what the filter alone adds. */
    @GET
    @Path("filtered-me")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject filtered() {
        return body();
    }

    private static JsonObject body() {
        return JSON.createObjectBuilder()
                .add("name", "ben")
                .add("groups", JSON.createArrayBuilder().add("user"))
                .build();
    }
}
