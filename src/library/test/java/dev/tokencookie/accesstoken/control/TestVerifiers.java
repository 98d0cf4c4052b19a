package dev.tokencookie.accesstoken.control;

import dev.tokencookie.refreshtoken.control.RevokedSessions;
import dev.tokencookie.settings.control.AuthSettings;

/**
 * Builds the verifier outside a container, for tests in other packages.
 */
public final class TestVerifiers {

    private TestVerifiers() {
    }

    public static AccessTokenVerifier verifier(AuthSettings settings) {
        GeneratedSigningKeys keys = new GeneratedSigningKeys();
        keys.generate();
        return verifier(settings, keys);
    }

    public static AccessTokenVerifier verifier(AuthSettings settings, SigningKeySource keys) {
        return new AccessTokenVerifier(settings, keys, new RevokedSessions());
    }

    public static SigningKey key(AccessTokenVerifier verifier) {
        return verifier.keys.signingKey();
    }
}
