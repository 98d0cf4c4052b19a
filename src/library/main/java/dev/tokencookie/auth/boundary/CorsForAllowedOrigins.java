package dev.tokencookie.auth.boundary;

import dev.tokencookie.endpoints.boundary.CrossOriginEndpoint;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Locale;

/**
 * Lets the pages of the configured other origins call the {@link CrossOriginEndpoint} resources with credentials;
 * every other origin gets no CORS header at all, so its page cannot read an answer. Bound by name to those resources,
 * whose own {@code OPTIONS} methods answer their preflights, so it never touches a team's resource or URL.
 */
@CrossOriginEndpoint
public class CorsForAllowedOrigins implements ContainerResponseFilter {

    static final String MAX_AGE_SECONDS = "600";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        // Answers differ by origin, so no cache may hand one origin's answer to another.
        headers.add("Vary", "Origin");
        String origin = request.getHeaderString("Origin");
        if (origin == null || !RequestOrigin.configured().contains(origin.toLowerCase(Locale.ROOT))) {
            return;
        }
        headers.putSingle("Access-Control-Allow-Origin", origin);
        headers.putSingle("Access-Control-Allow-Credentials", "true");
        if ("OPTIONS".equals(request.getMethod()) && request.getHeaderString("Access-Control-Request-Method") != null) {
            // The methods that the path's own OPTIONS method names (Preflight), and no others.
            String allowed = response.getHeaderString(HttpHeaders.ALLOW);
            if (allowed != null) {
                headers.putSingle("Access-Control-Allow-Methods", allowed);
            }
            headers.putSingle("Access-Control-Allow-Headers",
                    "Content-Type, Authorization, " + CrossSiteRequestFilter.REQUIRED_HEADER);
            headers.putSingle("Access-Control-Max-Age", MAX_AGE_SECONDS);
        }
    }
}
