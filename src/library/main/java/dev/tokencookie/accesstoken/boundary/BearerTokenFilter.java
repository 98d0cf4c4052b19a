package dev.tokencookie.accesstoken.boundary;

import dev.tokencookie.accesstoken.control.AccessTokenVerifier;
import dev.tokencookie.accesstoken.control.TokenRejectedException;
import dev.tokencookie.accesstoken.control.VerifiedToken;
import dev.tokencookie.problems.boundary.BearerChallenges;
import dev.tokencookie.problems.boundary.JsonErrors;
import dev.tokencookie.settings.control.AuthSettings;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lets a request through to the URLs that web.xml maps it to only with a valid bearer access token, answering RFC 6750
 * challenges otherwise. A request to an excluded path, or a CORS preflight, goes on without a token, marked so that a
 * JAX-RS resource method answers it only if it is an {@link OpenEndpoint}.
 */
public class BearerTokenFilter extends HttpFilter {

    /** Init-param: comma-separated URL patterns (exact or ending in /*) inside the filter's mapping that stay open. */
    public static final String EXCLUDED_PATHS = "excluded-paths";

    /**
     * The request attribute (a JAX-RS request property too) set on a request let through without a token, for its
     * excluded path or as a preflight: JAX-RS answers it with {@link TokenRefusals#tokenRequired()} if the resource
     * method it matches is not an {@link OpenEndpoint}.
     */
    static final String UNVERIFIED = BearerTokenFilter.class.getName() + ".unverified";

    private static final Logger LOG = Logger.getLogger(BearerTokenFilter.class.getName());

    @Inject
    AccessTokenVerifier verifier;

    @Inject
    AuthSettings settings;

    private List<String> excludedPaths = List.of();
    /** The challenge without an error code, the same for every request. */
    private String challenge;

    @Override
    public void init() {
        challenge = TokenRefusals.tokenRequiredChallenge(settings.realm());
        String excluded = getInitParameter(EXCLUDED_PATHS);
        if (excluded != null) {
            excludedPaths = Arrays.stream(excluded.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // Before any decision on the path: the container normalises it for the exclusion, JAX-RS does not.
        if (!CanonicalPath.isCanonical(request.getRequestURI())) {
            LOG.fine("Refused a request whose path is not in canonical form");
            JsonErrors.write(response, HttpServletResponse.SC_BAD_REQUEST, "invalid_request",
                    "The request path must not hold dot-segments, empty segments, path parameters, backslashes or"
                            + " escaped dots, slashes and semicolons");
            return;
        }
        if (isExcluded(request)) {
            passUnverified(request, response, chain);
            return;
        }
        BearerCredentials credentials = BearerCredentials.from(request.getHeaders("Authorization"));
        switch (credentials.outcome()) {
            case ABSENT -> {
                if (isCorsPreflight(request)) {
                    // A preflight never carries credentials; an open @OPTIONS method or the JAX-RS runtime answers it.
                    passUnverified(request, response, chain);
                } else {
                    challenge(response, null, TokenRefusals.TOKEN_REQUIRED);
                }
            }
            case MALFORMED -> challenge(response, "invalid_token", "The access token is invalid");
            case PRESENT -> {
                VerifiedToken token = verify(credentials.token(), response);
                if (token != null) {
                    request.setAttribute(CurrentToken.ATTRIBUTE, token);
                    chain.doFilter(new TokenAuthenticatedRequest(request, token), response);
                }
            }
        }
    }

    /** Lets a request go on without a token, marked so that no resource method but an open endpoint answers it. */
    private void passUnverified(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        request.setAttribute(UNVERIFIED, Boolean.TRUE);
        chain.doFilter(request, response);
    }

    private VerifiedToken verify(String token, HttpServletResponse response) throws IOException {
        try {
            return verifier.verify(token);
        } catch (TokenRejectedException e) {
            LOG.fine(() -> "Refused an access token, " + e.reason() + ": " + e.getMessage());
            challenge(response, "invalid_token", switch (e.reason()) {
                case EXPIRED -> "The access token expired";
                case SESSION_ENDED -> TokenRefusals.SESSION_ENDED;
                case INVALID -> "The access token is invalid";
            });
        } catch (RuntimeException e) {
            // Whatever a hostile token makes a parser do, the client gets a refusal, never a 500. The exception's
            // message may quote the token, so only its type and origin are logged.
            StackTraceElement[] where = e.getStackTrace();
            LOG.log(Level.SEVERE, "Access-token verification failed with " + e.getClass().getName()
                    + (where.length > 0 ? " at " + where[0] : ""));
            challenge(response, "invalid_token", "The access token is invalid");
        }
        return null;
    }

    private static boolean isCorsPreflight(HttpServletRequest request) {
        return "OPTIONS".equals(request.getMethod()) && request.getHeader("Origin") != null
                && request.getHeader("Access-Control-Request-Method") != null;
    }

    private boolean isExcluded(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        for (String pattern : excludedPaths) {
            if (pattern.endsWith("/*")) {
                String prefix = pattern.substring(0, pattern.length() - 2);
                if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                    return true;
                }
            } else if (path.equals(pattern)) {
                return true;
            }
        }
        return false;
    }

    /** Without an error code, the challenge built at init; with one, the code and its description in it too. */
    private void challenge(HttpServletResponse response, String error, String description) throws IOException {
        if (error == null) {
            BearerChallenges.write(response, challenge, "unauthorized", description);
        } else {
            BearerChallenges.write(response, BearerChallenges.challenge(settings.realm(), error, description), error,
                    description);
        }
    }
}
