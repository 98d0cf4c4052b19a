package dev.tokencookie.accesstoken.control;

import dev.tokencookie.operations.control.AuthMetrics;
import dev.tokencookie.settings.control.AuthSettings;
import dev.tokencookie.settings.control.ModuleStarting;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.security.Key;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodeValidator;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * The one place that decides whether an access token is genuine; its jose4j consumer is built once from the settings.
 */
@ApplicationScoped
public class AccessTokenVerifier {

    private static final Logger LOG = Logger.getLogger(AccessTokenVerifier.class.getName());

    static final String GROUPS = "groups";
    static final String UPN = "upn";
    static final List<String> FORBIDDEN_HEADERS = List.of("jwk", "jku", "x5c", "x5u", "crit", "b64", "zip");

    @Inject
    AuthSettings settings;

    @Inject
    SigningKeySource keys;

    @Inject
    SessionRevocations revocations;

    @Inject
    AuthMetrics metrics;

    private JwtConsumer consumer;
    private VerifiedTokenCache cache;
    // Whole seconds, as jose4j takes them: the cache's time rule must not be more lenient than the consumer's.
    private int skewSeconds;
    private int lifetimeSeconds;

    /** For CDI. */
    protected AccessTokenVerifier() {
    }

    /** A verifier outside a container (benchmarks, tools), with the same consumer as the bean's. */
    public AccessTokenVerifier(AuthSettings settings, SigningKeySource keys, SessionRevocations revocations) {
        this.settings = settings;
        this.keys = keys;
        this.revocations = revocations;
        this.metrics = AuthMetrics.unscraped();
        buildConsumer();
    }

    @PostConstruct
    void buildConsumer() {
        int cacheSize = settings.accessToken().cacheSize();
        cache = cacheSize > 0 ? new VerifiedTokenCache(cacheSize) : null;
        int skew = Math.toIntExact(settings.clockSkew().getSeconds());
        int lifetime = Math.toIntExact(settings.accessToken().ttl().getSeconds());
        skewSeconds = skew;
        lifetimeSeconds = lifetime;
        consumer = new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(ConstraintType.PERMIT, settings.signing().algorithm().joseName())
                .setVerificationKeyResolver((jws, nesting) -> resolve(jws.getKeyIdHeaderValue(),
                        jws.getAlgorithmHeaderValue()))
                .setExpectedType(true, "JWT")
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setIssuedAtRestrictions(skew, lifetime + skew)
                .setMaxFutureValidityInMinutes((lifetime + skew) / 60 + 1)
                .setAllowedClockSkewInSeconds(skew)
                .setRequireSubject()
                .setRequireJwtId()
                .setExpectedIssuer(true, settings.issuer())
                .setExpectedAudience(true, settings.audience())
                .registerValidator(AccessTokenVerifier::claimTypes)
                .registerValidator(ForbiddenHeaders.refusing(FORBIDDEN_HEADERS))
                .build();
    }

    /** Builds the verifier when the module starts, so that a consumer that cannot be built fails the deployment. */
    void start(@Observes ModuleStarting starting) {
        LOG.info(() -> "Accepting access tokens of " + settings.issuer() + " for " + settings.audience() + ", signed "
                + settings.signing().algorithm() + ", " + (cache == null ? "uncached" : "cached"));
    }

    private Key resolve(String keyId, String algorithm) throws UnresolvableKeyException {
        if (keyId == null) {
            throw new UnresolvableKeyException("The token names no kid");
        }
        return keys.verificationKey(keyId)
                .filter(key -> key.algorithm().equals(algorithm))
                .map(SigningKey::publicKey)
                .orElseThrow(() -> new UnresolvableKeyException("No trusted key for the token's kid and alg"));
    }

    private static ErrorCodeValidator.Error claimTypes(JwtContext context) throws MalformedClaimException {
        JwtClaims claims = context.getJwtClaims();
        if (claims.hasClaim(GROUPS) && !claims.isClaimValueStringList(GROUPS)) {
            return new ErrorCodeValidator.Error(ErrorCodes.MALFORMED_CLAIM, "groups must be an array of strings");
        }
        for (String claim : new String[] {UPN, AccessTokenIssuer.SESSION_ID}) {
            if (claims.hasClaim(claim) && !claims.isClaimValueString(claim)) {
                return new ErrorCodeValidator.Error(ErrorCodes.MALFORMED_CLAIM, claim + " must be a string");
            }
        }
        if (claims.hasClaim(AccessTokenIssuer.CONFIRMATION)
                && !(claims.getClaimValue(AccessTokenIssuer.CONFIRMATION) instanceof Map<?, ?> confirmation
                        && confirmation.get(AccessTokenIssuer.KEY_THUMBPRINT) instanceof String)) {
            // A confirmation the module cannot check must not read as no confirmation: the token would be a bearer's.
            return new ErrorCodeValidator.Error(ErrorCodes.MALFORMED_CLAIM, "cnf must be an object with a jkt string");
        }
        return null;
    }

    /**
     * Checks the signature with a trusted key and allowed algorithm, then type, exp, iat, nbf, iss, aud, sub and jti,
     * then that the token's session (sid) is not revoked; a token verified before is taken from the cache when it is
     * still unexpired and its key still trusted.
     *
     * @throws TokenRejectedException for any token that is not genuine and current; its reason says why
     */
    public VerifiedToken verify(String token) throws TokenRejectedException {
        VerifiedToken verified;
        try {
            verified = verifyUnrevoked(token);
        } catch (InvalidJwtException e) {
            // The codes alone: jose4j's message quotes the token's claims.
            String codes = e.getErrorDetails().stream().map(d -> String.valueOf(d.getErrorCode()))
                    .collect(Collectors.joining(","));
            throw new TokenRejectedException(e.hasExpired() ? TokenRejectedException.Reason.EXPIRED
                    : TokenRejectedException.Reason.INVALID, "jose4j error codes " + codes, e);
        }
        return notRevoked(verified);
    }

    private VerifiedToken verifyUnrevoked(String token) throws InvalidJwtException {
        if (cache == null) {
            return verifyUncached(token).token();
        }
        Instant now = Instant.now();
        VerifiedTokenCache.Entry hit = cache.get(token, now);
        if (hit != null && keyStillTrusted(hit)) {
            metrics.verifiedTokenCache(true);
            return hit.token();
        }
        metrics.verifiedTokenCache(false);
        // A miss, or a hit that no longer holds: the full check gives the precise reason for a refusal.
        VerifiedTokenCache.Entry verified = verifyUncached(token);
        cache.put(token, verified, now);
        return verified.token();
    }

    /** Applied to cache hits too: a revocation must not wait for a cached token to expire. */
    private VerifiedToken notRevoked(VerifiedToken token) throws TokenRejectedException {
        if (token.sessionId().filter(revocations::isRevoked).isPresent()) {
            throw new TokenRejectedException(TokenRejectedException.Reason.SESSION_ENDED, "session revoked", null);
        }
        return token;
    }

    /** The same key, not merely the same kid: a replaced key source might reuse a name. */
    private boolean keyStillTrusted(VerifiedTokenCache.Entry hit) {
        return keys.verificationKey(hit.keyId()).filter(key -> key.publicKey().equals(hit.key())).isPresent();
    }

    /** Every check, every time: what the cache saves, and what the benchmarks compare. */
    VerifiedTokenCache.Entry verifyUncached(String token) throws InvalidJwtException {
        JwtContext context = consumer.process(token);
        JwtClaims claims = context.getJwtClaims();
        try {
            String subject = claims.getSubject();
            String upn = claims.getStringClaimValue(UPN);
            List<String> groups = claims.hasClaim(GROUPS) ? claims.getStringListClaimValue(GROUPS) : List.of();
            long expiry = claims.getExpirationTime().getValue();
            VerifiedToken verified = new VerifiedToken(upn == null ? subject : upn, subject, Set.copyOf(groups),
                    claims.getJwtId(), Instant.ofEpochSecond(expiry), claims.getClaimsMap());
            // When the consumer would refuse it on time alone, whichever of its two rules comes first; an earlier
            // bound would only send a token back to the full check.
            long acceptUntil = Math.min(expiry, claims.getIssuedAt().getValue() + lifetimeSeconds) + skewSeconds;
            JsonWebStructure jws = context.getJoseObjects().get(0);
            return new VerifiedTokenCache.Entry(verified, jws.getKeyIdHeaderValue(), (PublicKey) jws.getKey(),
                    Instant.ofEpochSecond(acceptUntil));
        } catch (MalformedClaimException e) {
            // The consumer's validators have already checked these claims' types; this is a defect, not a bad token.
            throw new IllegalStateException("A validated token has a malformed claim", e);
        }
    }

    /** How many verified tokens are remembered now (0 with the cache off). */
    int cachedTokens() {
        return cache == null ? 0 : cache.size();
    }
}
