package dev.tokencookie.accesstoken.boundary;

import jakarta.ejb.EJBAccessException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Answers an EJB's refusal of the caller ({@code @RolesAllowed} on a bean a resource calls) as the module answers its
 * own: 403 {@code insufficient_scope} to a caller with a token, 401 with the challenge to one without, never the 500
 * the runtimes give an unmapped EJB exception.
 */
public class EjbAccessRefusal implements ExceptionMapper<EJBAccessException> {

    @Context
    SecurityContext security;

    @Override
    public Response toResponse(EJBAccessException refusal) {
        return security.getUserPrincipal() == null ? TokenRefusals.tokenRequired()
                : TokenRefusals.notInAllowedGroup();
    }
}
