package dev.tokencookie.settings.control;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Every setting of the module, read once at deployment so that the rest of the code never parses configuration;
 * grouped by what they govern, so that no two durations of different meaning stand side by side in one constructor.
 */
public record AuthSettings(
        String issuer,
        String audience,
        String realm,
        Duration clockSkew,
        Set<String> allowedOrigins,
        AccessToken accessToken,
        RefreshToken refreshToken,
        RefreshCookie refreshCookie,
        Login login,
        Signing signing,
        IdentitySettings identity,
        Metrics metrics,
        Audit audit,
        Dpop dpop) {

    /** The access tokens: their life, the verifier's cache and how fast a revocation reaches every node. */
    public record AccessToken(Duration ttl, int cacheSize, Duration revocationPropagation) {
    }

    /** The refresh tokens: their whole and idle life, the reuse leeway and the purge of expired rows. */
    public record RefreshToken(Duration ttl, Duration idleTtl, Duration reuseLeeway, Duration purgeInterval) {
    }

    /** The cookie that carries the refresh token. */
    public record RefreshCookie(String name, String path, boolean secure) {
    }

    /** The login throttle. */
    public record Login(int maxFailures, Duration failureWindow) {
    }

    /** How access tokens are signed: the algorithm, the rotation of database keys, or a keystore instead. */
    public record Signing(SigningAlgorithm algorithm, Duration rotationPeriod, Optional<SigningKeystore> keystore) {
    }

    /**
     * The module's metrics: whether it counts at all, and the scraper's secret without which the endpoint is off.
     */
    public record Metrics(boolean enabled, Optional<ScrapeToken> token) {
    }

    /**
     * Where the audit lines go: a file of the module's own, the server's log, or both; never neither.
     *
     * @param file the module's own file, a JUL file pattern; empty: none
     * @param serverLog whether the lines also reach the server's log
     */
    public record Audit(Optional<Path> file, boolean serverLog) {
    }

    /**
     * Sender-constrained tokens (RFC 9449): whether logins are bound to the browser's key, how long a proof is good
     * for, and the public URL that proofs name when a proxy changes it.
     *
     * @param nonces whether every proof must carry a nonce that this node gave (RFC 9449 section 8)
     * @param publicUrl the public URL of the context root, without a trailing slash; empty: as the request says
     */
    public record Dpop(DpopMode mode, Duration proofLifetime, boolean nonces, Optional<String> publicUrl) {
    }

    public AuthSettings {
        allowedOrigins = Set.copyOf(allowedOrigins);
    }

    /**
     * How far ahead of its first signature a new key is published, and how long a replaced key stays trusted:
     * the longest time a token stays acceptable.
     */
    public Duration keyPublicationLead() {
        return accessToken.ttl().plus(clockSkew);
    }

    /**
     * How long a revoked session must be remembered: until its last access token is past exp by every node's clock,
     * and its revocation has reached every node, with a minute's margin for the revoking transaction's commit.
     */
    public Duration revokedSessionRetention() {
        return accessToken.ttl().plus(clockSkew.multipliedBy(2)).plus(accessToken.revocationPropagation())
                .plusMinutes(1);
    }
}
