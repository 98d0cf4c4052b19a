package dev.tokencookie.it.deployed;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Test-only: a team's resource whose template matches any number of segments, behind the filter, the kind that a path
 * reading as an excluded one once reached without a token.
 */
@Path("files/{p: .*}")
@RequestScoped
public class TeamFilesResource {

    /** In every answer, so a test can tell that a request reached a team's resource. */
    public static final String REACHED = "reached-a-team-resource";

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String file(@PathParam("p") String path, @Context SecurityContext security) {
        return REACHED + " " + path + " as " + CallerName.of(security);
    }

    /** A team's own answer to OPTIONS, which a preflight without a token must not run. */
    @OPTIONS
    @Produces(MediaType.TEXT_PLAIN)
    public String options(@PathParam("p") String path, @Context SecurityContext security) {
        return REACHED + " OPTIONS " + path + " as " + CallerName.of(security);
    }
}
