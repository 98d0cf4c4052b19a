package dev.tokencookie;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * Puts the module's JAX-RS resources under /api, where the bearer filter's default mapping expects them.
 */
@ApplicationPath("api")
public class TokenCookieApplication extends Application {
}
