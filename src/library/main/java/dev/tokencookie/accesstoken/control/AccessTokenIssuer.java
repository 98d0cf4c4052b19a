package dev.tokencookie.accesstoken.control;

import dev.tokencookie.settings.control.AuthSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
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

    public IssuedAccessToken issue(String user, Set<String> groups, String sessionId) {
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
        return new IssuedAccessToken(sign(claims), settings.accessToken().ttl());
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
