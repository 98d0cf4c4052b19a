package dev.tokencookie.auth.boundary;

import static dev.tokencookie.shared.control.Jsonp.JSON;

import dev.tokencookie.accesstoken.boundary.OpenEndpoint;
import dev.tokencookie.accesstoken.control.AccessTokenIssuer;
import dev.tokencookie.accesstoken.control.DpopProofRejectedException;
import dev.tokencookie.accesstoken.control.IssuedAccessToken;
import dev.tokencookie.auth.control.Caller;
import dev.tokencookie.auth.control.CredentialCheck;
import dev.tokencookie.auth.control.LoginThrottle;
import dev.tokencookie.endpoints.boundary.CrossOriginEndpoint;
import dev.tokencookie.endpoints.boundary.ModuleEndpoint;
import dev.tokencookie.endpoints.boundary.Preflight;
import dev.tokencookie.operations.control.AuditTrail;
import dev.tokencookie.operations.control.AuthMetrics;
import dev.tokencookie.operations.control.SecurityEvent;
import dev.tokencookie.operations.control.SecurityEvent.Kind;
import dev.tokencookie.operations.control.SecurityEvent.Outcome;
import dev.tokencookie.problems.boundary.JsonErrors;
import dev.tokencookie.refreshtoken.control.IssuedRefreshToken;
import dev.tokencookie.refreshtoken.control.RefreshLocks;
import dev.tokencookie.refreshtoken.control.RefreshTokenRejectedException;
import dev.tokencookie.refreshtoken.control.RefreshTokenReuse;
import dev.tokencookie.refreshtoken.control.RefreshTokens;
import dev.tokencookie.refreshtoken.control.ReuseAlarm;
import dev.tokencookie.shared.control.DatabaseFailures;
import dev.tokencookie.shared.control.TemporarilyUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
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
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Login, refresh and logout: the access token goes out in the JSON body, the refresh token only in the HttpOnly cookie;
 * a login with a DPoP proof is bound to the proof's key, and so is every token that comes out of it.
 */
@ModuleEndpoint
@CrossOriginEndpoint
@NoStore
@Path(ModuleEndpoint.ROOT)
// One instance for all requests: it holds nothing of a request, and creating it per request with its ten injection
// points cost a refresh more than its JSON (docs/performance-runs.md).
@ApplicationScoped
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

    @Inject
    LoginProofs proofs;

    @Inject
    AuditTrail audit;

    @Inject
    AuthMetrics metrics;

    @POST
    @Path("login")
    @OpenEndpoint
    @CookieEndpoint
    @Consumes(MediaType.APPLICATION_JSON)
    public Response login(InputStream body, @HeaderParam(HttpHeaders.USER_AGENT) String userAgent,
            @Context HttpServletRequest http) {
        long started = System.nanoTime();
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
        Optional<String> boundKey;
        try {
            // Before the password is checked: a bad proof costs no hash and counts no failure.
            boundKey = proofs.keyOf(http);
        } catch (DpopProofRejectedException e) {
            LOG.info(() -> "Login refused: " + e.getMessage());
            audit.record(SecurityEvent.of(Kind.LOGIN, Outcome.INVALID_PROOF, request.username(), null, address,
                    userAgent));
            return proofs.refused(e);
        }
        try {
            return login(request, userAgent, address, boundKey);
        } catch (RuntimeException e) {
            auditFailure(Kind.LOGIN, e, request.username(), null, address, userAgent);
            throw e;
        } finally {
            metrics.loginTook(Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private Response login(LoginRequest request, String userAgent, String address, Optional<String> boundKey) {
        String user = request.username();
        Optional<Duration> locked = throttle.tryAttempt(user, address);
        if (locked.isPresent()) {
            LOG.info("Login refused: too many failed attempts");
            audit.record(SecurityEvent.of(Kind.LOGIN, Outcome.THROTTLED, user, null, address, userAgent));
            // Rounded up, so that a client that waits as told is let in.
            long seconds = Math.max(1, locked.get().plusMillis(999).getSeconds());
            return JsonErrors.response(Response.Status.TOO_MANY_REQUESTS, "too_many_requests",
                    "Too many failed logins; retry later").header("Retry-After", seconds).build();
        }
        Optional<Caller> caller;
        try {
            caller = credentials.check(user, request.password());
        } catch (TemporarilyUnavailableException e) {
            throttle.unanswered(user, address);
            throw e;
        }
        if (caller.isEmpty()) {
            LOG.info("Login refused: wrong username or password");
            audit.record(SecurityEvent.of(Kind.LOGIN, Outcome.INVALID_CREDENTIALS, user, null, address, userAgent));
            return JsonErrors.response(Response.Status.UNAUTHORIZED, "invalid_grant", "Wrong username or password")
                    .build();
        }
        throttle.succeeded(user, address);
        IssuedRefreshToken session = refreshTokens.startSession(caller.get().name(), caller.get().groups(),
                userAgent, boundKey);
        Response answer = tokens(session);
        audit.record(SecurityEvent.of(Kind.LOGIN, Outcome.SUCCESS, session.username(), session.sessionId(), address,
                userAgent));
        return answer;
    }

    @POST
    @Path("refresh")
    @OpenEndpoint
    @CookieEndpoint
    public Response refresh(@Context HttpHeaders headers, @Context HttpServletRequest request) {
        long started = System.nanoTime();
        try {
            return refresh(headers, request, request.getRemoteAddr(), headers.getHeaderString(HttpHeaders.USER_AGENT));
        } finally {
            metrics.refreshTook(Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private Response refresh(HttpHeaders headers, HttpServletRequest request, String address, String userAgent) {
        Optional<String> presented = refreshCookie.read(headers);
        if (presented.isEmpty()) {
            audit.record(SecurityEvent.of(Kind.REFRESH, Outcome.REFUSED, null, null, address, userAgent)
                    .withDetail("no_cookie"));
            return refused("No refresh token was sent");
        }
        Optional<String> provenKey;
        try {
            provenKey = proofs.keyOf(request);
        } catch (DpopProofRejectedException e) {
            // Not a theft signal: a browser whose clock is wrong sends such proofs too. The cookie stays.
            LOG.info(() -> "Refresh refused: " + e.getMessage());
            audit.record(SecurityEvent.of(Kind.REFRESH, Outcome.INVALID_PROOF, null, null, address, userAgent));
            return proofs.refused(e);
        }
        IssuedRefreshToken successor;
        try {
            successor = refreshLocks.oneAtATime(presented.get(),
                    () -> refreshTokens.rotate(presented.get(), address, provenKey));
        } catch (RefreshTokenRejectedException e) {
            LOG.info(() -> "Refresh refused: " + e.reason());
            // The transaction that revoked the session has committed by now.
            e.reuse().ifPresentOrElse(reuse -> reuseDetected(Kind.REFRESH, reuse, userAgent, e.reason()),
                    () -> audit.record(SecurityEvent.of(Kind.REFRESH, Outcome.REFUSED, null, null, address,
                            userAgent).withDetail(e.reason().name().toLowerCase(Locale.ROOT))));
            return refused("The refresh token is invalid or expired");
        } catch (RefreshLocks.BusyException e) {
            audit.record(SecurityEvent.of(Kind.REFRESH, Outcome.UNAVAILABLE, null, null, address, userAgent)
                    .withDetail("busy"));
            return JsonErrors.response(Response.Status.SERVICE_UNAVAILABLE, "temporarily_unavailable",
                    "Too many refreshes at once; retry shortly").header("Retry-After", "1").build();
        } catch (RuntimeException e) {
            auditFailure(Kind.REFRESH, e, null, null, address, userAgent);
            throw e;
        }
        Response answer = tokens(successor);
        audit.record(SecurityEvent.of(Kind.REFRESH, successor.repeated() ? Outcome.REPEATED : Outcome.ROTATED,
                successor.username(), successor.sessionId(), address, userAgent));
        return answer;
    }

    @POST
    @Path("logout")
    @OpenEndpoint
    @CookieEndpoint
    public Response logout(@Context HttpHeaders headers, @Context HttpServletRequest request) {
        String address = request.getRemoteAddr();
        String userAgent = headers.getHeaderString(HttpHeaders.USER_AGENT);
        Optional<RefreshTokens.LoggedOut> ended;
        try {
            ended = refreshCookie.read(headers).flatMap(presented -> refreshTokens.endSession(presented, address));
        } catch (RuntimeException e) {
            auditFailure(Kind.LOGOUT, e, null, null, address, userAgent);
            throw e;
        }
        // As on refresh, a used token after its leeway is theft; the alarm waits for the revocation's commit.
        // A logout that ended no login (no cookie, or one of a login already over) is no security event.
        ended.ifPresent(loggedOut -> loggedOut.reuse().ifPresentOrElse(reuse -> reuseDetected(Kind.LOGOUT, reuse,
                userAgent, null), () -> audit.record(SecurityEvent.of(Kind.LOGOUT, Outcome.SUCCESS,
                        loggedOut.username(), loggedOut.sessionId(), address, userAgent))));
        return Response.noContent().header(HttpHeaders.SET_COOKIE, refreshCookie.clear()).build();
    }

    /** A stolen cookie: used after its leeway, or without the key of its bound login ({@code wrong_key}). */
    private void reuseDetected(Kind kind, RefreshTokenReuse reuse, String userAgent,
            RefreshTokenRejectedException.Reason reason) {
        reuseAlarm.raise(reuse);
        SecurityEvent event = SecurityEvent.of(kind, Outcome.REUSE_DETECTED, reuse.username(), reuse.sessionId(),
                reuse.clientAddress(), userAgent);
        audit.record(reason == RefreshTokenRejectedException.Reason.WRONG_KEY ? event.withDetail("wrong_key")
                : event);
    }

    /** A failure on the way to a 503 (or a 500): audited as unavailable when the database or user store is away. */
    private void auditFailure(Kind kind, RuntimeException e, String user, String sessionId, String address,
            String userAgent) {
        if (e instanceof TemporarilyUnavailableException || DatabaseFailures.isTransient(e)) {
            audit.record(SecurityEvent.of(kind, Outcome.UNAVAILABLE, user, sessionId, address, userAgent));
        }
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
        IssuedAccessToken access = accessTokens.issue(refresh.username(), refresh.groups(), refresh.sessionId(),
                refresh.boundKey());
        return proofs.withNonce(Response.ok(JSON.createObjectBuilder()
                        .add("access_token", access.token())
                        .add("token_type", access.type())
                        .add("expires_in", access.lifetime().getSeconds())
                        .build())
                .header(HttpHeaders.SET_COOKIE, refreshCookie.issue(refresh)))
                .build();
    }

    /** A refused refresh: it tells a page that has not signed in yet whether the server binds logins to keys. */
    private Response refused(String description) {
        return proofs.withChallenge(proofs.withNonce(JsonErrors.response(Response.Status.UNAUTHORIZED,
                        "invalid_grant", description)
                .header(HttpHeaders.SET_COOKIE, refreshCookie.clear())))
                .build();
    }
}
