package dev.tokencookie.it.deployed.container;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Test-only: what the container's own views of the caller say behind the filter (EJB, Jakarta Security).
 */
@Path("test-support/container")
@RequestScoped
public class ContainerCallerResource {

    @Inject
    Ledger ledger;

    @Inject
    SecurityContext security;

    @GET
    @Path("ledger")
    @Produces(MediaType.TEXT_PLAIN)
    public String ledger() {
        return ledger.adminEntry();
    }

    @GET
    @Path("caller")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject caller() {
        return Json.createObjectBuilder()
                .add("ejbCaller", ledger.caller())
                .add("securityContextCaller", security.getCallerPrincipal().getName())
                .add("securityContextIsAdmin", security.isCallerInRole("admin"))
                .add("securityContextIsUser", security.isCallerInRole("user"))
                .build();
    }
}
