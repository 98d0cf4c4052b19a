package dev.tokencookie.it.deployed;

import jakarta.ws.rs.core.SecurityContext;

/**
 * Test-only: the caller a test resource saw, or "nobody".
 */
public final class CallerName {

    private CallerName() {
    }

    public static String of(SecurityContext security) {
        return security.getUserPrincipal() == null ? "nobody" : security.getUserPrincipal().getName();
    }
}
