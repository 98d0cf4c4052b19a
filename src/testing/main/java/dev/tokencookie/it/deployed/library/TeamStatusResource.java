package dev.tokencookie.it.deployed.library;

import dev.tokencookie.accesstoken.boundary.OpenEndpoint;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Test-only: a resource the team opens on purpose: its path is excluded in web.xml and it is an open endpoint. Its
 * details ask for a role as well, which no request on an excluded path can prove: they must be refused with the
 * bearer challenge, as anywhere else a token is missing.
 */
@Path("status")
@OpenEndpoint
public class TeamStatusResource {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String status() {
        return "up";
    }

    @GET
    @Path("details")
    @RolesAllowed("admin")
    @Produces(MediaType.TEXT_PLAIN)
    public String details() {
        return "details";
    }
}
