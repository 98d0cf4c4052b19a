package dev.tokencookie.endpoints.boundary;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.Response;

/**
 * Hides the module's endpoints from an application that found them by scanning the WAR without registering the module:
 * there its CSRF check, CORS, no-store and error bodies would be missing, so the endpoints answer 404 as if absent.
 * Loaded into every application through META-INF/services, like the module's other guards.
 */
// RESTEasy keeps one DynamicFeature service per @Priority value: each of the module's has a value of its own.
@Priority(Priorities.AUTHENTICATION + 20)
public class UnregisteredModuleGate implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        if (resourceInfo.getResourceClass() != null
                && resourceInfo.getResourceClass().isAnnotationPresent(ModuleEndpoint.class)) {
            context.register(new Gate(), Priorities.AUTHENTICATION - 100);
        }
    }

    @Priority(Priorities.AUTHENTICATION - 100)
    static final class Gate implements ContainerRequestFilter {

        @Override
        public void filter(ContainerRequestContext request) {
            if (request.getProperty(ModuleRegistered.PROPERTY) == null) {
                request.abortWith(Response.status(Response.Status.NOT_FOUND).build());
            }
        }
    }
}
