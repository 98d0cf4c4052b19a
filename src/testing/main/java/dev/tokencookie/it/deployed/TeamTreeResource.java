package dev.tokencookie.it.deployed;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Test-only: a team's resource with a template of three segments, behind the filter, which {@code tree/../auth/jwks}
 * matches as it is sent ({@code a = ".."}) while the container reads it as the excluded JWK Set.
 */
@Path("tree/{a}/{b}/{c}")
@RequestScoped
public class TeamTreeResource {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String node(@PathParam("a") String a, @PathParam("b") String b, @PathParam("c") String c,
            @Context SecurityContext security) {
        return TeamFilesResource.REACHED + " " + a + "/" + b + "/" + c + " as " + CallerName.of(security);
    }
}
