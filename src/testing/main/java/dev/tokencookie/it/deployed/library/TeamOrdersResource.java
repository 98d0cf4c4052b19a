package dev.tokencookie.it.deployed.library;

import dev.tokencookie.accesstoken.boundary.CurrentToken;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Test-only: a team's own resource in its own WAR, protected by the module's filter from the library jar.
 */
@Path("orders")
@RequestScoped
public class TeamOrdersResource {

    @Inject
    CurrentToken token;

    @GET
    @RolesAllowed("user")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject orders(@Context SecurityContext security) {
        return Json.createObjectBuilder()
                .add("owner", security.getUserPrincipal().getName())
                .add("subject", token.get().orElseThrow().subject())
                .add("orders", Json.createArrayBuilder())
                .build();
    }

    @GET
    @Path("all")
    @RolesAllowed("admin")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject allOrders() {
        return Json.createObjectBuilder().add("orders", Json.createArrayBuilder()).build();
    }
}
