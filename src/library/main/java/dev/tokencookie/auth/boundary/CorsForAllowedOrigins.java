package dev.tokencookie.auth.boundary;

import dev.tokencookie.endpoints.boundary.CrossOriginEndpoint;
import dev.tokencookie.endpoints.boundary.ModuleEndpoint;
import dev.tokencookie.endpoints.boundary.ModuleScope;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Locale;

/**
 * Lets the pages of the configured other origins call the {@link CrossOriginEndpoint} resources with credentials;
 * every other origin gets no CORS header at all, so its page cannot read an answer. It acts by what the request
 * matched: the marked resources; and, where no resource's code runs (the runtime's own answer to a preflight, or an
 * error), only under the module's root path, since no resource is there to ask.
 */
public class CorsForAllowedOrigins implements ContainerResponseFilter {

    static final String MAX_AGE_SECONDS = "600";

    /** Empty when no resource method matched the request. */
    @Context
    ResourceInfo matched;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        boolean applies = ModuleScope.isResourceCode(matched)
                ? matched.getResourceClass().isAnnotationPresent(CrossOriginEndpoint.class)
                : underModuleRoot(request.getUriInfo().getPath());
        if (!applies) {
            return;
        }
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
            headers.putSingle("Access-Control-Allow-Methods", "GET, POST, DELETE");
            headers.putSingle("Access-Control-Allow-Headers",
                    "Content-Type, Authorization, " + CrossSiteRequestFilter.REQUIRED_HEADER);
            headers.putSingle("Access-Control-Max-Age", MAX_AGE_SECONDS);
        }
    }

    private static boolean underModuleRoot(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return relative.equals(ModuleEndpoint.ROOT) || relative.startsWith(ModuleEndpoint.ROOT + "/");
    }
}
