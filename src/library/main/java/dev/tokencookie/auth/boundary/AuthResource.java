package dev.tokencookie.auth.boundary;

import static dev.tokencookie.shared.control.Jsonp.JSON;

import dev.tokencookie.accesstoken.boundary.OpenEndpoint;
import dev.tokencookie.accesstoken.control.AccessTokenIssuer;
import dev.tokencookie.accesstoken.control.IssuedAccessToken;
import dev.tokencookie.auth.control.Caller;
import dev.tokencookie.auth.control.CredentialCheck;
import dev.tokencookie.auth.control.LoginThrottle;
import dev.tokencookie.endpoints.boundary.CrossOriginEndpoint;
import dev.tokencookie.endpoints.boundary.ModuleEndpoint;
import dev.tokencookie.endpoints.boundary.Preflight;
import dev.tokencookie.problems.boundary.JsonErrors;
import dev.tokencookie.refreshtoken.control.IssuedRefreshToken;
import dev.tokencookie.refreshtoken.control.RefreshLocks;
import dev.tokencookie.refreshtoken.control.RefreshTokenRejectedException;
import dev.tokencookie.refreshtoken.control.RefreshTokens;
import dev.tokencookie.refreshtoken.control.ReuseAlarm;
import dev.tokencookie.shared.control.TemporarilyUnavailableException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Login, refresh and logout: the access token goes out in the JSON body, the refresh token only in the HttpOnly cookie.
 */
@ModuleEndpoint
@CrossOriginEndpoint
@NoStore
@Path(ModuleEndpoint.ROOT)
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    private static final Logger LOG = Logger.getLogger(AuthResource.class.getName());

    @Inject
    CredentialCheck credentials;

    @Inject
    LoginThrottle throttle;

    @Inject
    AccessTokenIssuer accessTokens;

    @Inject
    RefreshTokens refreshTokens;

    @Inject
    RefreshCookie refreshCookie;

    @Inject
    RefreshLocks refreshLocks;

    @Inject
    ReuseAlarm reuseAlarm;

    @POST
    @Path("login")
    @OpenEndpoint
    @CookieEndpoint
    @Consumes(MediaType.APPLICATION_JSON)
    public Response login(InputStream body, @HeaderParam(HttpHeaders.USER_AGENT) String userAgent,
            @Context HttpServletRequest http) {
        LoginRequest request;
        try {
            request = LoginRequest.parse(body);
        } catch (LoginRequest.TooLargeException e) {
            return JsonErrors.response(Response.Status.REQUEST_ENTITY_TOO_LARGE, "invalid_request", e.getMessage())
                    .build();
        } catch (LoginRequest.MalformedException e) {
            return JsonErrors.response(Response.Status.BAD_REQUEST, "invalid_request", e.getMessage()).build();
        }
        String address = http.getRemoteAddr();
        Optional<Duration> locked = throttle.tryAttempt(request.username(), address);
        if (locked.isPresent()) {
            LOG.info("Login refused: too many failed attempts");
            // Rounded up, so that a client that waits as told is let in.
            long seconds = Math.max(1, locked.get().plusMillis(999).getSeconds());
            return JsonErrors.response(Response.Status.TOO_MANY_REQUESTS, "too_many_requests",
                    "Too many failed logins; retry later").header("Retry-After", seconds).build();
        }
        Optional<Caller> caller;
        try {
            caller = credentials.check(request.username(), request.password());
        } catch (TemporarilyUnavailableException e) {
            throttle.unanswered(request.username(), address);
            throw e;
        }
        if (caller.isEmpty()) {
            LOG.info("Login refused: wrong username or password");
            return JsonErrors.response(Response.Status.UNAUTHORIZED, "invalid_grant", "Wrong username or password")
                    .build();
        }
        throttle.succeeded(request.username(), address);
        return tokens(refreshTokens.startSession(caller.get().name(), caller.get().groups(), userAgent));
    }

    @POST
    @Path("refresh")
    @OpenEndpoint
    @CookieEndpoint
    public Response refresh(@Context HttpHeaders headers, @Context HttpServletRequest request) {
        Optional<String> presented = refreshCookie.read(headers);
        if (presented.isEmpty()) {
            return refused("No refresh token was sent");
        }
        try {
            return tokens(refreshLocks.oneAtATime(presented.get(),
                    () -> refreshTokens.rotate(presented.get(), request.getRemoteAddr())));
        } catch (RefreshTokenRejectedException e) {
            LOG.info(() -> "Refresh refused: " + e.reason());
            // The transaction that revoked the session has committed by now.
            e.reuse().ifPresent(reuseAlarm::raise);
            return refused("The refresh token is invalid or expired");
        } catch (RefreshLocks.BusyException e) {
            return JsonErrors.response(Response.Status.SERVICE_UNAVAILABLE, "temporarily_unavailable",
                    "Too many refreshes at once; retry shortly").header("Retry-After", "1").build();
        }
    }

    @POST
    @Path("logout")
    @OpenEndpoint
    @CookieEndpoint
    public Response logout(@Context HttpHeaders headers, @Context HttpServletRequest request) {
        // As on refresh, a used token after its leeway is theft; the alarm waits for the revocation's commit.
        refreshCookie.read(headers).flatMap(presented -> refreshTokens.logout(presented, request.getRemoteAddr()))
                .ifPresent(reuseAlarm::raise);
        return Response.noContent().header(HttpHeaders.SET_COOKIE, refreshCookie.clear()).build();
    }

    @OPTIONS
    @Path("login")
    @OpenEndpoint
    public Response loginPreflight() {
        return Preflight.allowing("POST");
    }

    @OPTIONS
    @Path("refresh")
    @OpenEndpoint
    public Response refreshPreflight() {
        return Preflight.allowing("POST");
    }

    @OPTIONS
    @Path("logout")
    @OpenEndpoint
    public Response logoutPreflight() {
        return Preflight.allowing("POST");
    }

    private Response tokens(IssuedRefreshToken refresh) {
        IssuedAccessToken access = accessTokens.issue(refresh.username(), refresh.groups(), refresh.sessionId());
        return Response.ok(JSON.createObjectBuilder()
                        .add("access_token", access.token())
                        .add("token_type", "Bearer")
                        .add("expires_in", access.lifetime().getSeconds())
                        .build())
                .header(HttpHeaders.SET_COOKIE, refreshCookie.issue(refresh))
                .build();
    }

    private Response refused(String description) {
        return JsonErrors.response(Response.Status.UNAUTHORIZED, "invalid_grant", description)
                .header(HttpHeaders.SET_COOKIE, refreshCookie.clear())
                .build();
    }
}
