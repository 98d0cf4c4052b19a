package dev.tokencookie.auth.boundary;

import static dev.tokencookie.shared.control.Jsonp.JSON;

import dev.tokencookie.accesstoken.boundary.CurrentToken;
import dev.tokencookie.accesstoken.boundary.OpenEndpoint;
import dev.tokencookie.accesstoken.boundary.TokenRefusals;
import dev.tokencookie.accesstoken.control.VerifiedToken;
import dev.tokencookie.endpoints.boundary.CrossOriginEndpoint;
import dev.tokencookie.endpoints.boundary.ModuleEndpoint;
import dev.tokencookie.endpoints.boundary.Preflight;
import dev.tokencookie.problems.boundary.JsonErrors;
import dev.tokencookie.refreshtoken.control.Session;
import dev.tokencookie.refreshtoken.control.Sessions;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The caller's own logins, behind the bearer filter: list them, end one, or end all of them (log out everywhere).
 */
@ModuleEndpoint
@CrossOriginEndpoint
@NoStore
@Path(ModuleEndpoint.ROOT + "/sessions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SessionsResource {

    @Inject
    CurrentToken currentToken;

    @Inject
    Sessions sessions;

    @GET
    public JsonArray list() {
        VerifiedToken caller = caller();
        String current = caller.sessionId().orElse(null);
        JsonArrayBuilder list = JSON.createArrayBuilder();
        for (Session session : sessions.liveSessionsOf(caller.name())) {
            JsonObjectBuilder json = JSON.createObjectBuilder()
                    .add("id", session.id())
                    .add("created", session.createdAt().toString())
                    .add("last_used", session.lastUsedAt().toString())
                    .add("current", session.id().equals(current));
            if (session.userAgent() == null) {
                json.addNull("user_agent");
            } else {
                json.add("user_agent", session.userAgent());
            }
            list.add(json);
        }
        return list.build();
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id) {
        if (!sessions.revoke(caller().name(), id)) {
            return JsonErrors.response(Response.Status.NOT_FOUND, "not_found", "No such session of yours").build();
        }
        return Response.noContent().build();
    }

    @DELETE
    public Response revokeAll() {
        sessions.revokeAll(caller().name());
        return Response.noContent().build();
    }

    /** A preflight carries no token; it runs no code but this answer, which the CORS filter completes. */
    @OPTIONS
    @OpenEndpoint
    public Response preflight() {
        return Preflight.allowing("GET", "DELETE");
    }

    @OPTIONS
    @Path("{id}")
    @OpenEndpoint
    public Response preflightOne() {
        return Preflight.allowing("DELETE");
    }

    /**
     * The caller, whose access token must belong to a live login: after a stolen session is revoked, its access token
     * may not list or end the owner's other sessions for the rest of its lifetime.
     */
    private VerifiedToken caller() {
        VerifiedToken token = currentToken.get()
                .orElseThrow(() -> new NotAuthorizedException(TokenRefusals.tokenRequired()));
        if (token.sessionId().filter(sid -> sessions.isLive(token.name(), sid)).isEmpty()) {
            throw new NotAuthorizedException(TokenRefusals.sessionEnded());
        }
        return token;
    }
}
