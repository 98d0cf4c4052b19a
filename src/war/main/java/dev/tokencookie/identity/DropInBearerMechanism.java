package dev.tokencookie.identity;

import dev.tokencookie.accesstoken.boundary.BearerTokenMechanism;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The drop-in WAR's authentication mechanism: the module's bearer-token mechanism, so that EJBs, Jakarta Security's
 * SecurityContext and web.xml security constraints know the caller of each request with a token.
 */
@ApplicationScoped
public class DropInBearerMechanism extends BearerTokenMechanism {
}
