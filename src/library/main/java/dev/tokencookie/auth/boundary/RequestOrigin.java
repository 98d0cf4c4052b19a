package dev.tokencookie.auth.boundary;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * The origin checks shared by the CSRF filter and the CORS answers: whose page a request says it comes from.
 */
final class RequestOrigin {

    private RequestOrigin() {
    }

    /** The origin of the API itself, as browsers write it: scheme://host[:port], the port only when not the default. */
    static String own(ContainerRequestContext request) {
        URI base = request.getUriInfo().getBaseUri();
        int port = base.getPort();
        boolean defaultPort = port == -1 || ("http".equals(base.getScheme()) && port == 80)
                || ("https".equals(base.getScheme()) && port == 443);
        return (base.getScheme() + "://" + base.getHost() + (defaultPort ? "" : ":" + port)).toLowerCase(Locale.ROOT);
    }

    /** Whether the origin is the API's own or one of the configured ones. */
    static boolean allowed(String origin, ContainerRequestContext request, Set<String> allowedOrigins) {
        String normalized = origin.toLowerCase(Locale.ROOT);
        return normalized.equals(own(request)) || allowedOrigins.contains(normalized);
    }
}
