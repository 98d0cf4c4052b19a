package dev.tokencookie.endpoints.boundary;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * The answer of the module's own {@code OPTIONS} methods, one on each path of a {@link CrossOriginEndpoint}: JAX-RS
 * matches the most literal path first, so one method per path is what keeps every preflight in the module's code,
 * where the name-bound CORS filter and the module's guards see it. The {@code Allow} header names the path's methods;
 * the CORS filter offers the same to an allowed origin.
 */
public final class Preflight {

    private Preflight() {
    }

    /** 204 with {@code Allow}: the methods given, and OPTIONS. */
    public static Response allowing(String... methods) {
        return Response.noContent().header(HttpHeaders.ALLOW, String.join(", ", methods) + ", OPTIONS").build();
    }
}
