package dev.tokencookie.settings.control;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether logins are bound to a key the browser holds (RFC 9449), parsed once so that no component compares names.
 */
public enum DpopMode {
    /** Proofs are ignored on login and refresh: every token is a bearer token, as before DPoP. */
    OFF,
    /** A login or refresh with a proof is bound to its key; one without gets bearer tokens. */
    ALLOWED,
    /** A login or refresh without a proof is refused, and so is every unbound access token. */
    REQUIRED;

    /** The setting's value: off, allowed, required. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DpopMode> byName(String value) {
        return Arrays.stream(values()).filter(mode -> mode.value().equals(value)).findFirst();
    }
}
