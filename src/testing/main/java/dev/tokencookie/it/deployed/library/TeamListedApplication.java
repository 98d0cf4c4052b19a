package dev.tokencookie.it.deployed.library;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * Test-only: a team's own JAX-RS application that lists its classes, so that no scanned provider of the module's jar
 * reaches it; the module's checks must guard it all the same.
 */
@ApplicationPath("listed")
public class TeamListedApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(TeamAdminResource.class, TeamStatusResource.class, TeamReportsResource.class);
    }
}
