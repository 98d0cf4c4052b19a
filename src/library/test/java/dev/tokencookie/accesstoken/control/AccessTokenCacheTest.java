package dev.tokencookie.accesstoken.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.accesstoken.control.TokenRejectedException.Reason;
import dev.tokencookie.refreshtoken.control.RevokedSessions;
import dev.tokencookie.settings.control.AuthSettings;
import dev.tokencookie.settings.control.TestSettings;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.lang.UnresolvableKeyException;
import org.junit.jupiter.api.Test;

/**
 * The verifier with its cache: a hit saves the signature check but not the clock or the key ring.
 */
class AccessTokenCacheTest {

    private static final AuthSettings SETTINGS = TestSettings.with("auth.clock-skew", "PT0S");

    private final GeneratedSigningKeys keys = keys();
    private final AccessTokenVerifier verifier = TestVerifiers.verifier(SETTINGS, keys);

    private static GeneratedSigningKeys keys() {
        GeneratedSigningKeys keys = new GeneratedSigningKeys();
        keys.generate();
        return keys;
    }

    private String issue(Clock clock) {
        return AccessTokenTest.issuer(SETTINGS, keys, clock).issue("ben", Set.of("user"), "session-1").token();
    }

    @Test
    void aTokenSentAgainIsTheRememberedResult() throws Exception {
        String token = issue(Clock.systemUTC());
        VerifiedToken first = verifier.verify(token);
        assertSame(first, verifier.verify(token));
        assertEquals(1, verifier.cachedTokens());
    }

    @Test
    void onlyTheExactTokenHits() throws Exception {
        String token = issue(Clock.systemUTC());
        verifier.verify(token);
        // The signature's first character: all six of its bits count (the last one's low bits may not).
        int at = token.lastIndexOf('.') + 1;
        for (String other : new String[] {"\u00e9", "\u0100", token.charAt(at) == 'A' ? "B" : "A"}) {
            String altered = token.substring(0, at) + other + token.substring(at + 1);
            assertEquals(Reason.INVALID,
                    assertThrows(TokenRejectedException.class, () -> verifier.verify(altered), other).reason(), other);
        }
    }

    @Test
    void aRememberedTokenIsRefusedOnceItsSessionIsRevoked() throws Exception {
        String token = issue(Clock.systemUTC());
        String otherSession = AccessTokenTest.issuer(SETTINGS, keys, Clock.systemUTC())
                .issue("ben", Set.of("user"), "session-2").token();
        verifier.verify(token);
        verifier.verify(otherSession);

        ((RevokedSessions) verifier.revocations).revokedHere(List.of("session-1"));

        TokenRejectedException refused = assertThrows(TokenRejectedException.class, () -> verifier.verify(token));
        assertEquals(Reason.SESSION_ENDED, refused.reason());
        assertNull(refused.getCause(), "refused for its session alone");
        assertEquals("session-2", verifier.verify(otherSession).sessionId().orElseThrow(), "other sessions go on");
        AccessTokenVerifier uncached = TestVerifiers.verifier(TestSettings.with("auth.access-token.cache-size", "0"),
                keys);
        ((RevokedSessions) uncached.revocations).revokedHere(List.of("session-1"));
        assertEquals(Reason.SESSION_ENDED, assertThrows(TokenRejectedException.class, () -> uncached.verify(token))
                .reason(), "without the cache too");
    }

    @Test
    void aRememberedTokenIsRefusedOnceItsKeyIsNoLongerTrusted() throws Exception {
        String token = issue(Clock.systemUTC());
        verifier.verify(token);

        keys.generate();

        InvalidJwtException refused = TestVerifiers.refused(Reason.INVALID, () -> verifier.verify(token));
        assertInstanceOf(UnresolvableKeyException.class, refused.getCause(), "the same reason as without a cache");
    }

    @Test
    void aHitNeedsTheSameKeyNotOnlyTheSameKid() throws Exception {
        // A team's key source that names its keys itself, and reuses a name for a new key.
        SigningKey first = GeneratedSigningKeys.generateRs256();
        SigningKey[] current = {new SigningKey("current", first.algorithm(), first.privateKey(), first.publicKey())};
        SigningKeySource named = new SigningKeySource() {
            public SigningKey signingKey() {
                return current[0];
            }

            public Optional<SigningKey> verificationKey(String keyId) {
                return Optional.of(current[0]).filter(key -> key.keyId().equals(keyId));
            }

            public List<SigningKey> publishedKeys() {
                return List.of(current[0]);
            }
        };
        AccessTokenVerifier verifier = TestVerifiers.verifier(SETTINGS, named);
        String token = AccessTokenTest.issuer(SETTINGS, named, Clock.systemUTC())
                .issue("ben", Set.of("user"), "session-1").token();
        verifier.verify(token);

        SigningKey second = GeneratedSigningKeys.generateRs256();
        current[0] = new SigningKey("current", second.algorithm(), second.privateKey(), second.publicKey());

        InvalidJwtException refused = TestVerifiers.refused(Reason.INVALID, () -> verifier.verify(token));
        assertTrue(refused.hasErrorCode(ErrorCodes.SIGNATURE_INVALID), refused.toString());
    }

    @Test
    void aRememberedResultCannotBeChangedByTheRequestThatGotIt() throws Exception {
        String token = issue(Clock.systemUTC());
        VerifiedToken first = verifier.verify(token);
        @SuppressWarnings("unchecked")
        List<Object> groups = (List<Object>) first.claims().get("groups");
        assertThrows(UnsupportedOperationException.class, () -> groups.add("admin"));
        assertEquals(List.of("user"), verifier.verify(token).claims().get("groups"));
    }

    @Test
    void aRememberedTokenIsRefusedOnceItExpires() throws Exception {
        // Issued so that it expires two seconds from now.
        Instant issuedAt = Instant.now().minus(SETTINGS.accessToken().ttl()).plusSeconds(2);
        String token = issue(Clock.fixed(issuedAt, ZoneOffset.UTC));
        verifier.verify(token);
        assertEquals(1, verifier.cachedTokens());

        Thread.sleep(2_100);

        InvalidJwtException refused = TestVerifiers.refused(Reason.EXPIRED, () -> verifier.verify(token));
        assertTrue(refused.hasExpired(), refused.toString());
    }

    @Test
    void sizeZeroTurnsTheCacheOff() throws Exception {
        AccessTokenVerifier uncached = TestVerifiers.verifier(TestSettings.with("auth.access-token.cache-size", "0"),
                keys);
        String token = issue(Clock.systemUTC());
        VerifiedToken first = uncached.verify(token);
        VerifiedToken second = uncached.verify(token);
        assertEquals(first, second);
        assertTrue(first != second, "verified afresh each time");
        assertEquals(0, uncached.cachedTokens());
    }
}
