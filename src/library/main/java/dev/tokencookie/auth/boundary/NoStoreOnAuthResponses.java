package dev.tokencookie.auth.boundary;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

/**
 * Keeps every answer of the auth endpoints, errors included, out of browser and proxy caches: they carry tokens.
 */
public class NoStoreOnAuthResponses implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/")) {
            path = path.substring(1);
        }
        // The JWK Set holds public keys only, and verifiers should cache it.
        if ((path.equals("auth") || path.startsWith("auth/")) && !path.equals("auth/jwks")) {
            response.getHeaders().putSingle("Cache-Control", "no-store");
            response.getHeaders().putSingle("Pragma", "no-cache");
        }
    }
}
