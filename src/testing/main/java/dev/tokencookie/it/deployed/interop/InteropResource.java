package dev.tokencookie.it.deployed.interop;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Test-only: endpoints of the other service, guarded by the token's groups through {@code @RolesAllowed}.
 */
@Path("reports")
@RequestScoped
public class InteropResource {

    @Inject
    JsonWebToken token;

    @GET
    @Path("admin")
    @RolesAllowed("admin")
    @Produces(MediaType.APPLICATION_JSON)
    public String admin() {
        return caller();
    }

    @GET
    @Path("user")
    @RolesAllowed("user")
    @Produces(MediaType.APPLICATION_JSON)
    public String user() {
        return caller();
    }

    private String caller() {
        return Json.createObjectBuilder()
                .add("name", token.getName())
                .add("groups", Json.createArrayBuilder(token.getGroups()))
                .build().toString();
    }
}
