package dev.tokencookie.it.deployed.interop;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * Test-only: another team's service that trusts the module's tokens through Payara's built-in MicroProfile JWT. It
 * must be a bean (hence {@code @ApplicationScoped}): Payara looks for {@code @LoginConfig} among the beans only.
 */
@ApplicationScoped
@LoginConfig(authMethod = "MP-JWT")
@ApplicationPath("api")
public class InteropApplication extends Application {
}
