package dev.tokencookie.accesstoken.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.accesstoken.control.TokenRejectedException.Reason;
import dev.tokencookie.refreshtoken.control.RevokedSessions;
import dev.tokencookie.settings.control.AuthSettings;
import dev.tokencookie.settings.control.TestSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.UnresolvableKeyException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issues tokens and verifies them with the same settings, as the module does; asserts jose4j error codes.
 */
class AccessTokenTest {

    static final AuthSettings SETTINGS = TestSettings.with("auth.issuer", "test-issuer", "auth.audience", "test-api");

    private GeneratedSigningKeys keys;
    private AccessTokenIssuer issuer;
    private AccessTokenVerifier verifier;

    @BeforeEach
    void setUp() {
        keys = new GeneratedSigningKeys();
        keys.generate();
        issuer = issuer(SETTINGS, keys, Clock.systemUTC());
        verifier = new AccessTokenVerifier(SETTINGS, keys, new RevokedSessions());
    }

    static AccessTokenIssuer issuer(AuthSettings settings, SigningKeySource keys, Clock clock) {
        return new AccessTokenIssuer(settings, keys, clock);
    }

    @Test
    void issuedTokenCarriesMicroProfileClaimsAndVerifies() throws Exception {
        IssuedAccessToken issued = issuer.issue("alice", Set.of("user", "admin"), "session-1");

        VerifiedToken verified = verifier.verify(issued.token());

        assertEquals("alice", verified.name());
        assertEquals("alice", verified.subject());
        assertEquals(Set.of("user", "admin"), verified.groups());
        assertEquals("session-1", verified.sessionId().orElseThrow());
        assertEquals("test-issuer", verified.claims().get("iss"));
        assertNotNull(verified.tokenId());
        assertEquals(Duration.ofMinutes(5), issued.lifetime());

        JsonWebSignature jws = (JsonWebSignature) JsonWebSignature.fromCompactSerialization(issued.token());
        assertEquals("RS256", jws.getAlgorithmHeaderValue());
        assertEquals(keys.signingKey().keyId(), jws.getKeyIdHeaderValue());
        assertEquals("JWT", jws.getHeader("typ"));
        JwtClaims claims = JwtClaims.parse(jws.getUnverifiedPayload());
        assertEquals("test-issuer", claims.getIssuer());
        assertEquals(List.of("test-api"), claims.getAudience());
        assertEquals("alice", claims.getStringClaimValue("upn"));
        assertEquals(300, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
    }

    @Test
    void expiredBeyondSkewIsRefused() {
        Clock sixMinutesAgo = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-6));
        String token = issuer(SETTINGS, keys, sixMinutesAgo).issue("alice", Set.of(), "session-1").token();

        InvalidJwtException e = TestVerifiers.refused(Reason.EXPIRED, () -> verifier.verify(token));
        assertTrue(e.hasErrorCode(ErrorCodes.EXPIRED));
    }

    @Test
    void expiredWithinSkewIsAccepted() throws Exception {
        Clock fiveMinutesTwentyAgo = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-320));
        String token = issuer(SETTINGS, keys, fiveMinutesTwentyAgo).issue("alice", Set.of(), "session-1").token();

        assertEquals("alice", verifier.verify(token).name());
    }

    @Test
    void wrongIssuerAndAudienceAreRefused() {
        AuthSettings other = TestSettings.with("auth.issuer", "other-issuer", "auth.audience", "other-api");
        String token = issuer(other, keys, Clock.systemUTC()).issue("alice", Set.of(), "session-1").token();

        InvalidJwtException e = TestVerifiers.refused(Reason.INVALID, () -> verifier.verify(token));
        assertTrue(e.hasErrorCode(ErrorCodes.ISSUER_INVALID));
        assertTrue(e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID));
    }

    @Test
    void tamperedPayloadIsRefused() {
        String[] parts = issuer.issue("bob", Set.of("user"), "session-2").token().split("\\.");
        String forgedClaims = new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"bob\"", "\"eve\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(forgedClaims.getBytes())
                + "." + parts[2];

        InvalidJwtException e = TestVerifiers.refused(Reason.INVALID, () -> verifier.verify(forged));
        assertTrue(e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID));
    }

    @Test
    void tokenFromAnotherKeyIsRefused() {
        GeneratedSigningKeys otherKeys = new GeneratedSigningKeys();
        otherKeys.generate();
        String token = issuer(SETTINGS, otherKeys, Clock.systemUTC()).issue("alice", Set.of(), "session-1").token();

        // The kid is unknown, so no key resolves; jose4j reports that as a miscellaneous failure.
        InvalidJwtException e = TestVerifiers.refused(Reason.INVALID, () -> verifier.verify(token));
        assertTrue(e.hasErrorCode(ErrorCodes.MISCELLANEOUS));
    }

    @Test
    void algNoneIsRefused() throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(validClaims().toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        jws.setKeyIdHeaderValue(keys.signingKey().keyId());
        jws.setHeader("typ", "JWT");
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        String token = jws.getCompactSerialization();

        InvalidJwtException e = TestVerifiers.refused(Reason.INVALID, () -> verifier.verify(token));
        // The key resolver offers a key only for its own algorithm, before jose4j's allow-list is even consulted.
        assertInstanceOf(UnresolvableKeyException.class, e.getCause());
    }

    @Test
    void hmacSignedWithThePublicKeyIsRefused() throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(validClaims().toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKeyIdHeaderValue(keys.signingKey().keyId());
        jws.setHeader("typ", "JWT");
        jws.setKey(new HmacKey(keys.signingKey().publicKey().getEncoded()));
        String token = jws.getCompactSerialization();

        InvalidJwtException e = TestVerifiers.refused(Reason.INVALID, () -> verifier.verify(token));
        // The key resolver offers a key only for its own algorithm, before jose4j's allow-list is even consulted.
        assertInstanceOf(UnresolvableKeyException.class, e.getCause());
    }

    @Test
    void groupsOfTheWrongTypeAreRefused() throws Exception {
        JwtClaims claims = validClaims();
        claims.setClaim("groups", "admin");
        String token = sign(claims);

        InvalidJwtException e = TestVerifiers.refused(Reason.INVALID, () -> verifier.verify(token));
        assertTrue(e.hasErrorCode(ErrorCodes.MALFORMED_CLAIM));
    }

    @Test
    void missingExpirationIsRefused() throws Exception {
        JwtClaims claims = validClaims();
        claims.unsetClaim("exp");

        InvalidJwtException e = TestVerifiers.refused(Reason.INVALID, () -> verifier.verify(sign(claims)));
        assertTrue(e.hasErrorCode(ErrorCodes.EXPIRATION_MISSING));
    }

    @Test
    void notYetValidIsRefused() throws Exception {
        JwtClaims claims = validClaims();
        claims.setNotBefore(NumericDate.fromSeconds(Instant.now().getEpochSecond() + 120));

        InvalidJwtException e = TestVerifiers.refused(Reason.INVALID, () -> verifier.verify(sign(claims)));
        assertTrue(e.hasErrorCode(ErrorCodes.NOT_YET_VALID));
    }

    @Test
    void issuedInTheFutureIsRefused() throws Exception {
        JwtClaims claims = validClaims();
        claims.setIssuedAt(NumericDate.fromSeconds(Instant.now().getEpochSecond() + 120));
        String token = sign(claims);

        InvalidJwtException e = TestVerifiers.refused(Reason.INVALID, () -> verifier.verify(token));
        assertTrue(e.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE), e.getErrorDetails().toString());
    }

    private JwtClaims validClaims() {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("test-issuer");
        claims.setAudience("test-api");
        claims.setSubject("alice");
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(5);
        claims.setGeneratedJwtId();
        return claims;
    }

    private String sign(JwtClaims claims) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue(keys.signingKey().keyId());
        jws.setHeader("typ", "JWT");
        jws.setKey(keys.signingKey().privateKey());
        return jws.getCompactSerialization();
    }
}
