package dev.tokencookie.accesstoken.boundary;

import dev.tokencookie.accesstoken.control.AccessTokenVerifier;
import dev.tokencookie.accesstoken.control.DpopProofs;
import dev.tokencookie.endpoints.boundary.CrossOrigin;
import dev.tokencookie.operations.control.AuthMetrics;
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
import java.util.Locale;
import java.util.logging.Logger;

/**
 * Lets a request through to the URLs that web.xml maps it to only with a valid access token (a bearer token, or a bound
 * one with its DPoP proof), answering RFC 6750 and RFC 9449 challenges otherwise. A request to an excluded path, or a
 * CORS preflight, goes on without a token, marked so that a JAX-RS resource method answers it only if it is an
 * {@link OpenEndpoint}. The preflight of an origin in
 * {@code auth.allowed-origins} it answers itself, and every answer on a guarded path carries that origin's CORS
 * headers.
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
    DpopProofs proofs;

    @Inject
    AuthSettings settings;

    @Inject
    AuthMetrics metrics;

    private List<String> excludedPaths = List.of();

    @Override
    public void init() {
        String excluded = getInitParameter(EXCLUDED_PATHS);
        if (excluded != null) {
            excludedPaths = Arrays.stream(excluded.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean excluded = isExcluded(request);
        if (!excluded && answeredPreflight(request, response)) {
            return;
        }
        // Before any decision on the path: the container normalises it for the exclusion, JAX-RS does not.
        if (!CanonicalPath.isCanonical(request.getRequestURI())) {
            LOG.fine("Refused a request whose path is not in canonical form");
            JsonErrors.write(response, HttpServletResponse.SC_BAD_REQUEST, "invalid_request",
                    "The request path must not hold dot-segments, empty segments, path parameters, backslashes or"
                            + " escaped dots, slashes and semicolons");
            return;
        }
        if (excluded) {
            passUnverified(request, response, chain);
            return;
        }
        // On every guarded answer, refusal or not: a client keeps the latest nonce it was given (section 8.2).
        proofs.nonce().ifPresent(nonce -> response.setHeader(BearerCheck.NONCE_HEADER, nonce));
        // The authentication mechanism, where the application has it, made this check before the filter runs.
        BearerCheck check = BearerCheck.of(request, verifier, proofs);
        switch (check.outcome()) {
            case ABSENT -> {
                if (isCorsPreflight(request)) {
                    // A preflight never carries credentials; an open @OPTIONS method or the JAX-RS runtime answers it.
                    passUnverified(request, response, chain);
                } else {
                    refuse(check, response);
                }
            }
            case REFUSED -> refuse(check, response);
            case VERIFIED -> {
                request.setAttribute(CurrentToken.ATTRIBUTE, check.token());
                chain.doFilter(new TokenAuthenticatedRequest(request, check.token()), response);
            }
        }
    }

    private void refuse(BearerCheck check, HttpServletResponse response) throws IOException {
        metrics.accessTokenRefused(check.refusal());
        check.refuse(response, settings.realm());
    }

    /**
     * Writes the CORS headers of a guarded path, whatever the outcome, so that a page of an allowed origin can read a
     * refusal's challenge too; answers an allowed origin's preflight itself, as it carries no token. The module's
     * excluded endpoints write their own, with the methods of their path.
     */
    private boolean answeredPreflight(HttpServletRequest request, HttpServletResponse response) {
        String origin = request.getHeader("Origin");
        boolean allowed = CrossOrigin.isAllowed(origin, ownOrigin(request));
        if (CrossOrigin.configured().isEmpty()) {
            // No answer depends on the origin then: a team's answers stay exactly as its resources make them.
            return false;
        }
        request.setAttribute(CrossOrigin.ANSWERED, Boolean.TRUE);
        response.addHeader("Vary", "Origin");
        if (!allowed) {
            return false;
        }
        if (isCorsPreflight(request)) {
            CrossOrigin.allowPreflight(origin, null, request.getHeader("Access-Control-Request-Method"),
                    request.getHeader("Access-Control-Request-Headers"), response::setHeader);
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return true;
        }
        CrossOrigin.allowAnswer(origin, response::setHeader);
        return false;
    }

    /** The origin of the API as the browser writes it, from what the request was sent to. */
    private static String ownOrigin(HttpServletRequest request) {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return (scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port)).toLowerCase(Locale.ROOT);
    }

    /** Lets a request go on without a token, marked so that no resource method but an open endpoint answers it. */
    private void passUnverified(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        request.setAttribute(UNVERIFIED, Boolean.TRUE);
        chain.doFilter(request, response);
    }

    static boolean isCorsPreflight(HttpServletRequest request) {
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
}
