package dev.tokencookie.accesstoken.control;

import dev.tokencookie.settings.control.AuthSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Signs access tokens with the claims that MicroProfile JWT consumers expect (iss, sub, upn, groups, aud, iat, exp,
 * jti).
 */
@ApplicationScoped
public class AccessTokenIssuer {

    @Inject
    AuthSettings settings;

    @Inject
    SigningKeySource keys;

    Clock clock = Clock.systemUTC();

    /** For CDI. */
    protected AccessTokenIssuer() {
    }

    /** An issuer outside a container (benchmarks, tools), signing with the given keys. */
    public AccessTokenIssuer(AuthSettings settings, SigningKeySource keys, Clock clock) {
        this.settings = settings;
        this.keys = keys;
        this.clock = clock;
    }

    /** The claim naming the login (refresh-token session) that the token was issued for. */
    public static final String SESSION_ID = "sid";

    /** The confirmation claim (RFC 7800) of a token bound to a key, and its member naming the key (RFC 9449). */
    public static final String CONFIRMATION = "cnf";
    public static final String KEY_THUMBPRINT = "jkt";

    public IssuedAccessToken issue(String user, Set<String> groups, String sessionId) {
        return issue(user, groups, sessionId, Optional.empty());
    }

    /**
     * A token for the login's user; bound, when the login is, to the key with that RFC 7638 thumbprint: then it is
     * taken only with a proof of that key, and its type is DPoP.
     */
    public IssuedAccessToken issue(String user, Set<String> groups, String sessionId, Optional<String> boundKey) {
        long now = clock.instant().getEpochSecond();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(settings.issuer());
        claims.setSubject(user);
        claims.setClaim("upn", user);
        claims.setStringListClaim("groups", new ArrayList<>(groups));
        claims.setAudience(settings.audience());
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(now + settings.accessToken().ttl().getSeconds()));
        claims.setGeneratedJwtId();
        claims.setClaim(SESSION_ID, sessionId);
        boundKey.ifPresent(thumbprint -> claims.setClaim(CONFIRMATION, Map.of(KEY_THUMBPRINT, thumbprint)));
        return new IssuedAccessToken(sign(claims), settings.accessToken().ttl(), boundKey.isPresent());
    }

    private String sign(JwtClaims claims) {
        SigningKey key = keys.signingKey();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.privateKey());
        jws.setKeyIdHeaderValue(key.keyId());
        jws.setAlgorithmHeaderValue(key.algorithm());
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot sign an access token", e);
        }
    }
}
