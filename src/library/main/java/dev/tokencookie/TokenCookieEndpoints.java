package dev.tokencookie;

import dev.tokencookie.accesstoken.boundary.JwksResource;
import dev.tokencookie.auth.boundary.AuthResource;
import dev.tokencookie.auth.boundary.SessionsResource;
import dev.tokencookie.monitoring.boundary.MetricsResource;
import java.util.Set;

/**
 * What a team's own JAX-RS application lists to serve the module's endpoints under its path: the library has no
 * application of its own and none of its providers is scanned, so that it never takes over a team's root or rewrites a
 * team's errors. In the team's {@code Application}: {@code return TokenCookieEndpoints.classes();} (docs/library.md).
 */
public final class TokenCookieEndpoints {

    private TokenCookieEndpoints() {
    }

    /**
     * The resources under {@code auth/} (login, refresh, logout, sessions, the JWK Set, the metrics) and their
     * providers.
     */
    public static Set<Class<?>> classes() {
        return Set.of(AuthResource.class, SessionsResource.class, JwksResource.class, MetricsResource.class,
                TokenCookieFeature.class);
    }
}
