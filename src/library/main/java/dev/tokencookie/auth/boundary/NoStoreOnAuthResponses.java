package dev.tokencookie.auth.boundary;

import dev.tokencookie.problems.boundary.JsonErrors;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

/**
 * Keeps every answer of the {@link NoStore} resources, errors included, out of browser and proxy caches: they carry
 * tokens. The JWK Set is not one of them: it holds public keys only, and verifiers should cache it.
 */
@NoStore
public class NoStoreOnAuthResponses implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        JsonErrors.noStore(response.getHeaders());
    }
}
