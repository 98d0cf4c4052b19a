package dev.tokencookie.it;

import jakarta.ws.rs.core.SecurityContext;

/**
 * Test-only: the caller a test resource saw, or "nobody".
 */
final class CallerName {

    private CallerName() {
    }

    static String of(SecurityContext security) {
        return security.getUserPrincipal() == null ? "nobody" : security.getUserPrincipal().getName();
    }
}
