package dev.tokencookie.accesstoken.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tokencookie.refreshtoken.control.RevokedSessions;
import dev.tokencookie.settings.control.AuthSettings;
import java.time.Clock;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.junit.jupiter.api.function.Executable;

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

    /**
     * Asserts that the call refuses a token for this reason, and returns jose4j's exception under the refusal, whose
     * error codes say precisely why.
     */
    static InvalidJwtException refused(TokenRejectedException.Reason reason, Executable verification) {
        TokenRejectedException refused = assertThrows(TokenRejectedException.class, verification);
        assertEquals(reason, refused.reason(), refused.getMessage());
        return assertInstanceOf(InvalidJwtException.class, refused.getCause());
    }

    /** An issuer signing with the verifier's keys, so that what it issues the verifier takes. */
    public static AccessTokenIssuer issuer(AccessTokenVerifier verifier) {
        return new AccessTokenIssuer(verifier.settings, verifier.keys, Clock.systemUTC());
    }

    public static SigningKey key(AccessTokenVerifier verifier) {
        return verifier.keys.signingKey();
    }
}
