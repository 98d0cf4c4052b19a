package dev.tokencookie;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/**
 * Puts the module's JAX-RS resources under /api, where the bearer filter's default mapping expects them.
 */
@ApplicationPath("api")
public class TokenCookieApplication extends Application {

    /**
     * No WADL: Jersey would describe every resource, protected ones included, to anybody, and answer an unauthenticated
     * CORS preflight with it. Other runtimes ignore the property.
     */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
