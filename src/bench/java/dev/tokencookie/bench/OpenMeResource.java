package dev.tokencookie.bench;

import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Bench-only: the same answer as {@code /api/me} for ben, through the same JAX-RS stack, but outside the filter: the
 * baseline that shows what the filter adds.
 */
@Path("bench/open-me")
@RequestScoped
public class OpenMeResource {

    // Json.createObjectBuilder() and its siblings look the provider up through the ServiceLoader on every call, which
    // on Payara cost more than the rest of a request; the provider looked up once does not.
    private static final JsonProvider JSON = JsonProvider.provider();

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject me() {
        return JSON.createObjectBuilder()
                .add("name", "ben")
                .add("groups", JSON.createArrayBuilder().add("user"))
                .build();
    }
}
