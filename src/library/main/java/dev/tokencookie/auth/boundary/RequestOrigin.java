package dev.tokencookie.auth.boundary;

import dev.tokencookie.settings.control.AuthSettings;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * The origin checks shared by the CSRF filter and the CORS answers: whose page a request says it comes from.
 */
final class RequestOrigin {

    private static volatile Set<String> configured;

    private RequestOrigin() {
    }

    /**
     * The configured other origins, from CDI at the first request, when the module has read its settings. The filters
     * that need them are not CDI beans: a WAR's JAX-RS applications would share one instance, and with it the
     * first application's {@code @Context} proxies, which fail in every other application's requests.
     */
    static Set<String> configured() {
        Set<String> origins = configured;
        if (origins == null) {
            origins = CDI.current().select(AuthSettings.class).get().allowedOrigins();
            configured = origins;
        }
        return origins;
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
