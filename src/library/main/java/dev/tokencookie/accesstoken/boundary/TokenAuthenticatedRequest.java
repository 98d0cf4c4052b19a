package dev.tokencookie.accesstoken.boundary;

import dev.tokencookie.accesstoken.control.VerifiedToken;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/**
 * Makes the servlet and JAX-RS security APIs (getUserPrincipal, isUserInRole, SecurityContext) answer from the token.
 */
class TokenAuthenticatedRequest extends HttpServletRequestWrapper {

    static final String AUTH_TYPE = "Bearer";

    private final VerifiedToken token;
    private final Principal principal;

    TokenAuthenticatedRequest(HttpServletRequest request, VerifiedToken token) {
        super(request);
        this.token = token;
        // Where an authentication mechanism made the token's caller the container's, its principal stays: Payara
        // gives EJBs and Jakarta Security the groups of the container's principal only.
        Principal container = request.getUserPrincipal();
        this.principal = container != null && container.getName().equals(token.name()) ? container
                : new TokenPrincipal(token.name());
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public String getRemoteUser() {
        return principal.getName();
    }

    @Override
    public boolean isUserInRole(String role) {
        // Servlet 6.0 section 13.3: "**" means any authenticated user.
        return "**".equals(role) || token.groups().contains(role);
    }

    @Override
    public String getAuthType() {
        return AUTH_TYPE;
    }

    private record TokenPrincipal(String getName) implements Principal {
    }
}
