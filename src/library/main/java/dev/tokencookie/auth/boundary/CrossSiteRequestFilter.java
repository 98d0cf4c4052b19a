package dev.tokencookie.auth.boundary;

import dev.tokencookie.endpoints.boundary.CrossOrigin;
import dev.tokencookie.operations.control.AuditTrail;
import dev.tokencookie.operations.control.SecurityEvent;
import dev.tokencookie.operations.control.SecurityEvent.Kind;
import dev.tokencookie.operations.control.SecurityEvent.Outcome;
import dev.tokencookie.problems.boundary.JsonErrors;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.logging.Logger;

/**
 * Refuses forged cross-site requests to the cookie endpoints before they touch anything: the browser attaches the
 * refresh cookie by itself, so the request must prove it comes from an allowed page.
 */
@CookieEndpoint
@Priority(Priorities.AUTHENTICATION)
public class CrossSiteRequestFilter implements ContainerRequestFilter {

    /** A header that a cross-site form cannot send, and that makes a cross-origin fetch ask first (a preflight). */
    public static final String REQUIRED_HEADER = "X-Requested-With";

    private static final Logger LOG = Logger.getLogger(CrossSiteRequestFilter.class.getName());

    @Context
    HttpServletRequest http;

    @Override
    public void filter(ContainerRequestContext request) {
        String refusal = refusal(request);
        if (refusal != null) {
            // The path is the client's text: only its printable ASCII reaches the log, so no line can be forged.
            LOG.info(() -> "Cross-site request refused on "
                    + request.getUriInfo().getPath().replaceAll("[^\\x20-\\x7E]", "?") + ": " + refusal);
            request.abortWith(JsonErrors.response(Response.Status.FORBIDDEN, "access_denied", refusal).build());
            audit(request);
        }
    }

    /** A possible forgery, in the audit trail as an outcome of the endpoint it was aimed at. */
    private void audit(ContainerRequestContext request) {
        try {
            String path = request.getUriInfo().getPath();
            Kind kind = path.endsWith("login") ? Kind.LOGIN : path.endsWith("refresh") ? Kind.REFRESH : Kind.LOGOUT;
            CDI.current().select(AuditTrail.class).get().record(SecurityEvent.of(kind, Outcome.CROSS_SITE, null,
                    null, http.getRemoteAddr(), request.getHeaderString(HttpHeaders.USER_AGENT))
                    .withDetail(request.getHeaderString("Origin")));
        } catch (RuntimeException e) {
            // The refusal stands whatever happens to its record.
            LOG.warning(() -> "A cross-site refusal was not recorded: " + e.getClass().getName());
        }
    }

    private String refusal(ContainerRequestContext request) {
        String requestedWith = request.getHeaderString(REQUIRED_HEADER);
        if (requestedWith == null || requestedWith.isBlank()) {
            return "The " + REQUIRED_HEADER + " header is required";
        }
        if ("cross-site".equalsIgnoreCase(request.getHeaderString("Sec-Fetch-Site"))) {
            return "Cross-site requests are refused";
        }
        String origin = request.getHeaderString("Origin");
        if (origin != null && !RequestOrigin.allowed(origin, request, CrossOrigin.configured())) {
            return "The origin is not allowed";
        }
        return null;
    }
}
