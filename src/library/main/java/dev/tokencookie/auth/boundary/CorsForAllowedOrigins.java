package dev.tokencookie.auth.boundary;

import dev.tokencookie.endpoints.boundary.CrossOrigin;
import dev.tokencookie.endpoints.boundary.CrossOriginEndpoint;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * Lets the pages of the configured other origins call the {@link CrossOriginEndpoint} resources with credentials;
 * every other origin gets no CORS header at all, so its page cannot read an answer. Bound by name to those resources,
 * whose own {@code OPTIONS} methods answer their preflights, so it never touches a team's resource or URL. Where the
 * bearer filter guards the path, it has written these headers already ({@link CrossOrigin#ANSWERED}).
 */
@CrossOriginEndpoint
public class CorsForAllowedOrigins implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(CrossOrigin.ANSWERED) != null) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        // Answers differ by origin, so no cache may hand one origin's answer to another.
        headers.add("Vary", "Origin");
        String origin = request.getHeaderString("Origin");
        if (!CrossOrigin.isAllowed(origin, RequestOrigin.own(request))) {
            return;
        }
        if ("OPTIONS".equals(request.getMethod()) && request.getHeaderString("Access-Control-Request-Method") != null) {
            // The methods that the path's own OPTIONS method names (Preflight), and no others.
            CrossOrigin.allowPreflight(origin, response.getHeaderString(HttpHeaders.ALLOW), null,
                    request.getHeaderString("Access-Control-Request-Headers"), headers::putSingle);
        } else {
            CrossOrigin.allowAnswer(origin, headers::putSingle);
        }
    }
}
