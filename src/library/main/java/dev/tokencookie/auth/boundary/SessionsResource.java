package dev.tokencookie.auth.boundary;

import static dev.tokencookie.shared.control.Jsonp.JSON;

import dev.tokencookie.accesstoken.boundary.CurrentToken;
import dev.tokencookie.accesstoken.boundary.OpenEndpoint;
import dev.tokencookie.accesstoken.boundary.TokenRefusals;
import dev.tokencookie.accesstoken.control.VerifiedToken;
import dev.tokencookie.endpoints.boundary.CrossOriginEndpoint;
import dev.tokencookie.endpoints.boundary.ModuleEndpoint;
import dev.tokencookie.endpoints.boundary.Preflight;
import dev.tokencookie.operations.control.AuditTrail;
import dev.tokencookie.operations.control.SecurityEvent;
import dev.tokencookie.operations.control.SecurityEvent.Kind;
import dev.tokencookie.operations.control.SecurityEvent.Outcome;
import dev.tokencookie.problems.boundary.JsonErrors;
import dev.tokencookie.refreshtoken.control.Session;
import dev.tokencookie.refreshtoken.control.Sessions;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

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

    @Inject
    AuditTrail audit;

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
    public Response revoke(@PathParam("id") String id, @Context HttpServletRequest request) {
        String user = caller().name();
        if (!sessions.revoke(user, id)) {
            return JsonErrors.response(Response.Status.NOT_FOUND, "not_found", "No such session of yours").build();
        }
        revoked(user, List.of(id), request);
        return Response.noContent().build();
    }

    @DELETE
    public Response revokeAll(@Context HttpServletRequest request) {
        String user = caller().name();
        revoked(user, sessions.revokeAll(user), request);
        return Response.noContent().build();
    }

    /** Called once the revocation has committed (Sessions is transactional). */
    private void revoked(String user, List<String> sessionIds, HttpServletRequest request) {
        for (String id : sessionIds) {
            audit.record(SecurityEvent.of(Kind.SESSION_REVOKED, Outcome.SUCCESS, user, id, request.getRemoteAddr(),
                    request.getHeader(HttpHeaders.USER_AGENT)));
        }
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
