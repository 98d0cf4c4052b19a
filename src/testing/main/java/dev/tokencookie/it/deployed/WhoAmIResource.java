package dev.tokencookie.it.deployed;

import dev.tokencookie.accesstoken.boundary.CurrentToken;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Test-only: reports what each security API of the platform says about the caller behind the filter.
 */
@Path("test-support/whoami")
@RequestScoped
public class WhoAmIResource {

    @Inject
    CurrentToken currentToken;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject whoami(@Context HttpServletRequest request, @Context SecurityContext security) {
        return Json.createObjectBuilder()
                .add("servletPrincipal", request.getUserPrincipal().getName())
                .add("remoteUser", request.getRemoteUser())
                .add("servletIsAdmin", request.isUserInRole("admin"))
                .add("servletIsAuditor", request.isUserInRole("auditor"))
                .add("jaxrsPrincipal", security.getUserPrincipal().getName())
                .add("jaxrsIsAdmin", security.isUserInRole("admin"))
                .add("authType", String.valueOf(request.getAuthType()))
                .add("injectedName", currentToken.get().orElseThrow().name())
                .add("injectedTokenId", currentToken.get().orElseThrow().tokenId())
                .build();
    }

    @GET
    @Path("admin")
    @RolesAllowed("admin")
    @Produces(MediaType.TEXT_PLAIN)
    public String adminOnly() {
        return "admin";
    }
}
