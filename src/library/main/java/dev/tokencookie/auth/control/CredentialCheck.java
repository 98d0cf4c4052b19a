package dev.tokencookie.auth.control;

import java.util.Optional;

/**
 * Checks a username and password; the default asks Jakarta Security's identity stores, and a team may replace it with
 * an {@code @Alternative} bean of this type. Every login calls the one instance that the login resource holds, from
 * many threads at once: keep it free of per-call state (an {@code @ApplicationScoped} bean is the usual choice).
 */
public interface CredentialCheck {

    /** The caller when the credentials are valid; empty for a wrong password and an unknown user alike. */
    Optional<Caller> check(String username, String password);
}
