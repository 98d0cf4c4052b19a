package dev.tokencookie.settings.control;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Every setting of the module, read once at deployment so that the rest of the code never parses configuration.
 */
public record AuthSettings(
        String issuer,
        String audience,
        Duration accessTokenTtl,
        Duration refreshTokenTtl,
        Duration refreshTokenIdleTtl,
        Duration reuseLeeway,
        Duration purgeInterval,
        Duration clockSkew,
        String realm,
        String refreshCookieName,
        String refreshCookiePath,
        boolean refreshCookieSecure,
        Set<String> allowedOrigins,
        int loginMaxFailures,
        Duration loginFailureWindow,
        SigningAlgorithm signingAlgorithm,
        Duration signingRotationPeriod,
        Optional<SigningKeystore> signingKeystore,
        int accessTokenCacheSize,
        Duration revocationPropagation) {

    /**
     * How far ahead of its first signature a new key is published, and how long a replaced key stays trusted:
     * the longest time a token stays acceptable.
     */
    public Duration keyPublicationLead() {
        return accessTokenTtl.plus(clockSkew);
    }

    /**
     * How long a revoked session must be remembered: until its last access token is past exp by every node's clock,
     * and its revocation has reached every node, with a minute's margin for the revoking transaction's commit.
     */
    public Duration revokedSessionRetention() {
        return accessTokenTtl.plus(clockSkew.multipliedBy(2)).plus(revocationPropagation).plusMinutes(1);
    }

    public AuthSettings {
        allowedOrigins = Set.copyOf(allowedOrigins);
    }
}
