package dev.tokencookie;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/**
 * The drop-in WAR's application: the module's endpoints and the demo resource under /api, where the bearer filter's
 * default mapping expects them. Only the drop-in WAR has it; a team's WAR registers the module in its own application.
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
