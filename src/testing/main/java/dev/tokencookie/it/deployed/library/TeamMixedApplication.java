package dev.tokencookie.it.deployed.library;

import dev.tokencookie.TokenCookieEndpoints;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.HashSet;
import java.util.Set;

/**
 * Test-only: a team's application that lists the module's endpoints beside a resource of its own, the one place where
 * the module's providers meet a team's resource.
 */
@ApplicationPath("mixed")
public class TeamMixedApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        Set<Class<?>> classes = new HashSet<>(TokenCookieEndpoints.classes());
        classes.add(TeamFaultsResource.class);
        return classes;
    }
}
