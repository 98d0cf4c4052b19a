package dev.tokencookie.accesstoken.boundary;

import dev.tokencookie.problems.boundary.JsonErrors;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses a request that the bearer filter let through without a token, for its excluded path, when the resource method
 * that JAX-RS matched is not an {@link OpenEndpoint}: what stays open is decided by what a resource is, not by how its
 * URL reads. Registered in every JAX-RS application of the WAR, through META-INF/services as well as by scanning.
 */
@Provider
public class OpenEndpointFeature implements DynamicFeature {

    private static final TokenRequired TOKEN_REQUIRED = new TokenRequired();

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        if (!resource.getResourceMethod().isAnnotationPresent(OpenEndpoint.class)
                && !resource.getResourceClass().isAnnotationPresent(OpenEndpoint.class)) {
            context.register(TOKEN_REQUIRED);
        }
    }

    /** Answers the bearer filter's own challenge to a request it let through unverified. */
    @Priority(Priorities.AUTHENTICATION)
    static final class TokenRequired implements ContainerRequestFilter {

        @Override
        public void filter(ContainerRequestContext request) {
            // JAX-RS request properties are the servlet request's attributes (ContainerRequestContext#getProperty).
            if (request.getProperty(BearerTokenFilter.UNVERIFIED) instanceof String challenge) {
                request.abortWith(JsonErrors.response(Response.Status.UNAUTHORIZED, "unauthorized",
                                "A bearer access token is required")
                        .header("WWW-Authenticate", challenge)
                        .header("Cache-Control", "no-store")
                        .build());
            }
        }
    }
}
