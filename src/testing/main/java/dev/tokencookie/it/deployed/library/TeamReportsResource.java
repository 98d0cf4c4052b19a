package dev.tokencookie.it.deployed.library;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Test-only: a resource under a path the team's web.xml excludes, but not an open endpoint: it must not answer
 * without a token.
 */
@Path("reports/{p: .*}")
public class TeamReportsResource {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String report(@PathParam("p") String path) {
        return "report " + path;
    }
}
