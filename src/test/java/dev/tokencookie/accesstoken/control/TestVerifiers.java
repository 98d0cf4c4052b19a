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
        AccessTokenVerifier verifier = new AccessTokenVerifier();
        verifier.settings = settings;
        verifier.keys = keys;
        verifier.revokedSessions = new RevokedSessions();
        verifier.buildConsumer();
        return verifier;
    }

    public static SigningKey key(AccessTokenVerifier verifier) {
        return verifier.keys.signingKey();
    }
}
