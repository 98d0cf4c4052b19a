package dev.tokencookie.it.deployed.library;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Test-only: a team's resource that fails in its own ways, beside the module's endpoints in one application. */
@Path("faults")
@RequestScoped
public class TeamFaultsResource {

    @GET
    @Path("bad")
    public String bad() {
        throw new BadRequestException();
    }

    @GET
    @Path("broken")
    public String broken() {
        throw new IllegalStateException("the team's own defect");
    }
}
