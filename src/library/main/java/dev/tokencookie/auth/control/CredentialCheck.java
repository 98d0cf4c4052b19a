package dev.tokencookie.auth.control;

import java.util.Optional;

/**
 * Checks a username and password; the default asks Jakarta Security's identity stores, and a team may replace it with
 * an {@code @Alternative} bean of this type. The login resource is one instance for all requests, so a
 * {@code @Dependent} alternative is created once and called from many threads at once: keep it free of per-call state
 * (an {@code @ApplicationScoped} bean is the usual choice; a {@code @RequestScoped} one is still one per request).
 */
public interface CredentialCheck {

    /** The caller when the credentials are valid; empty for a wrong password and an unknown user alike. */
    Optional<Caller> check(String username, String password);
}
