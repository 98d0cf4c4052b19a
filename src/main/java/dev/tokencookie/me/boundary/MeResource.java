package dev.tokencookie.me.boundary;

import dev.tokencookie.accesstoken.boundary.CurrentToken;
import dev.tokencookie.accesstoken.control.VerifiedToken;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.TreeSet;

/**
 * The sample protected resource: it answers who the verified access token says the caller is.
 */
@Path("me")
@RequestScoped
public class MeResource {

    @Inject
    CurrentToken currentToken;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject me() {
        VerifiedToken token = currentToken.get()
                .orElseThrow(() -> new NotAuthorizedException("Bearer"));
        return Json.createObjectBuilder()
                .add("name", token.name())
                .add("groups", Json.createArrayBuilder(new TreeSet<>(token.groups())))
                .build();
    }
}
