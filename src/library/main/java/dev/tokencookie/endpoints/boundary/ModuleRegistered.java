package dev.tokencookie.endpoints.boundary;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;

/**
 * Vouches that the application serving a module endpoint registered the module with all its providers: it is one of
 * them and is never scanned, so an application that merely scanned the library's resources lacks it.
 */
@ModuleEndpoint
@Priority(Priorities.AUTHENTICATION - 200)
public class ModuleRegistered implements ContainerRequestFilter {

    static final String PROPERTY = ModuleRegistered.class.getName();

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(PROPERTY, Boolean.TRUE);
    }
}
