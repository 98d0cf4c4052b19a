package dev.tokencookie.auth.boundary;

import dev.tokencookie.accesstoken.control.AccessTokenIssuer;
import dev.tokencookie.accesstoken.control.IssuedAccessToken;
import dev.tokencookie.auth.control.Caller;
import dev.tokencookie.auth.control.CredentialCheck;
import dev.tokencookie.problems.boundary.JsonErrors;
import dev.tokencookie.refreshtoken.control.IssuedRefreshToken;
import dev.tokencookie.refreshtoken.control.RefreshTokenRejectedException;
import dev.tokencookie.refreshtoken.control.RefreshTokens;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Login, refresh and logout: the access token goes out in the JSON body, the refresh token only in the HttpOnly cookie.
 */
@Path("auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    private static final Logger LOG = Logger.getLogger(AuthResource.class.getName());

    @Inject
    CredentialCheck credentials;

    @Inject
    AccessTokenIssuer accessTokens;

    @Inject
    RefreshTokens refreshTokens;

    @Inject
    RefreshCookie refreshCookie;

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response login(String body, @Context HttpServletResponse response) {
        LoginRequest request;
        try {
            request = LoginRequest.parse(body);
        } catch (LoginRequest.MalformedException e) {
            return JsonErrors.response(Response.Status.BAD_REQUEST, "invalid_request", e.getMessage()).build();
        }
        Optional<Caller> caller = credentials.check(request.username(), request.password());
        if (caller.isEmpty()) {
            LOG.info("Login refused: wrong username or password");
            return JsonErrors.response(Response.Status.UNAUTHORIZED, "invalid_grant", "Wrong username or password")
                    .build();
        }
        return tokens(refreshTokens.startFamily(caller.get().name(), caller.get().groups()), response);
    }

    @POST
    @Path("refresh")
    public Response refresh(@Context HttpHeaders headers, @Context HttpServletResponse response) {
        Optional<String> presented = refreshCookie.read(headers);
        if (presented.isEmpty()) {
            return refused(response, "No refresh token was sent");
        }
        try {
            return tokens(refreshTokens.rotate(presented.get()), response);
        } catch (RefreshTokenRejectedException e) {
            LOG.info(() -> "Refresh refused: " + e.reason());
            return refused(response, "The refresh token is invalid or expired");
        }
    }

    @POST
    @Path("logout")
    public Response logout(@Context HttpHeaders headers, @Context HttpServletResponse response) {
        refreshCookie.read(headers).ifPresent(refreshTokens::revokeFamily);
        response.addCookie(refreshCookie.clear());
        return Response.noContent().build();
    }

    private Response tokens(IssuedRefreshToken refresh, HttpServletResponse response) {
        IssuedAccessToken access = accessTokens.issue(refresh.username(), refresh.groups());
        response.addCookie(refreshCookie.issue(refresh));
        return Response.ok(Json.createObjectBuilder()
                .add("access_token", access.token())
                .add("token_type", "Bearer")
                .add("expires_in", access.lifetime().getSeconds())
                .build()).build();
    }

    private Response refused(HttpServletResponse response, String description) {
        response.addCookie(refreshCookie.clear());
        return JsonErrors.response(Response.Status.UNAUTHORIZED, "invalid_grant", description).build();
    }
}
