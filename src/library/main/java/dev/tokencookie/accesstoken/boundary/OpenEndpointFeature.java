package dev.tokencookie.accesstoken.boundary;

import dev.tokencookie.endpoints.boundary.ModuleScope;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;

/**
 * Refuses a request that the bearer filter let through without a token (for its excluded path, or as a CORS
 * preflight) when the resource method that JAX-RS matched is not an {@link OpenEndpoint}: what stays open is decided
 * by what a resource is, not by how its URL reads. Loaded into every JAX-RS application of the WAR through
 * META-INF/services (not by scanning, so that no runtime registers it twice).
 */
// RESTEasy keeps one DynamicFeature service per @Priority value: each of the module's has a value of its own.
@Priority(Priorities.AUTHENTICATION + 10)
public class OpenEndpointFeature implements DynamicFeature {

    private static final UnverifiedRefused UNVERIFIED_REFUSED = new UnverifiedRefused();

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        if (ModuleScope.isResourceCode(resource)
                && !resource.getResourceMethod().isAnnotationPresent(OpenEndpoint.class)
                && !resource.getResourceClass().isAnnotationPresent(OpenEndpoint.class)) {
            context.register(UNVERIFIED_REFUSED);
        }
    }

    /** Refuses a request that the bearer filter let through unverified, as the filter itself would have. */
    @Priority(Priorities.AUTHENTICATION)
    static final class UnverifiedRefused implements ContainerRequestFilter {

        @Override
        public void filter(ContainerRequestContext request) {
            // JAX-RS request properties are the servlet request's attributes (ContainerRequestContext#getProperty).
            if (Boolean.TRUE.equals(request.getProperty(BearerTokenFilter.UNVERIFIED))) {
                request.abortWith(TokenRefusals.tokenRequired());
            }
        }
    }
}
