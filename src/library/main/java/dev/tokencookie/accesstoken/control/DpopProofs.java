package dev.tokencookie.accesstoken.control;

import dev.tokencookie.settings.control.AuthSettings;
import dev.tokencookie.settings.control.DpopMode;
import dev.tokencookie.shared.control.Sha256;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * The one place that decides whether a DPoP proof (RFC 9449) proves possession of a key for a request; its jose4j
 * consumer is built once from the settings, under the access tokens' rules: an algorithm allow-list, a size limit, no
 * key-carrying header but the proof's own public {@code jwk}, no {@code crit}.
 */
@ApplicationScoped
public class DpopProofs {

    /** The asymmetric algorithms a proof may use: what browsers' WebCrypto signs with a non-extractable key. */
    public static final List<String> ALGORITHMS = List.of("ES256", "EdDSA");

    /** Longer proofs are refused before parsing; an ES256 or Ed25519 proof is well under 1 KB. */
    public static final int MAX_PROOF_LENGTH = 2048;

    /** A jti is at least 96 bits of randomness (section 4.2); more than this is no browser's doing. */
    static final int MAX_JTI_LENGTH = 128;

    static final List<String> FORBIDDEN_HEADERS = List.of("jku", "x5c", "x5u", "x5t", "x5t#S256", "crit", "b64",
            "zip");

    /** Members of a private or symmetric JWK: a proof carrying one has given its key away, or is no proof. */
    private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    /** Each algorithm with the only key type and curve it is taken with. */
    private static final Map<String, List<String>> KEY_TYPES = Map.of("ES256", List.of("EC", "P-256"),
            "EdDSA", List.of("OKP", "Ed25519"));

    @Inject
    AuthSettings settings;

    Clock clock = Clock.systemUTC();

    private JwtConsumer consumer;
    private ProofReplayCache replays;
    private DpopNonces nonces;
    private long acceptedSeconds;
    private int skewSeconds;

    /** For CDI. */
    protected DpopProofs() {
    }

    /** Proof checks outside a container (benchmarks, tests), with the same consumer as the bean's. */
    public DpopProofs(AuthSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        buildConsumer();
    }

    @PostConstruct
    void buildConsumer() {
        skewSeconds = Math.toIntExact(settings.clockSkew().getSeconds());
        int lifetime = Math.toIntExact(settings.dpop().proofLifetime().getSeconds());
        acceptedSeconds = lifetime + 2L * skewSeconds;
        replays = new ProofReplayCache(ProofReplayCache.CAPACITY);
        // With DPoP off no proof is read, so no answer should ask for one.
        nonces = settings.dpop().nonces() && settings.dpop().mode() != DpopMode.OFF
                ? new DpopNonces(clock, acceptedSeconds) : null;
        consumer = new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(ConstraintType.PERMIT, ALGORITHMS.toArray(String[]::new))
                .setVerificationKeyResolver((jws, nesting) -> embeddedKey(jws))
                .setExpectedType(true, "dpop+jwt")
                .setRequireIssuedAt()
                .setIssuedAtRestrictions(skewSeconds, lifetime + skewSeconds)
                .setAllowedClockSkewInSeconds(skewSeconds)
                .setRequireJwtId()
                // A proof names no audience: it is bound to one request by htm and htu instead.
                .setSkipDefaultAudienceValidation()
                .registerValidator(ForbiddenHeaders.refusing(FORBIDDEN_HEADERS))
                .build();
    }

    /**
     * Checks a proof for a login or refresh, where it names no access token.
     *
     * @throws DpopProofRejectedException when it proves nothing for this request
     */
    public DpopProof verify(String proof, RequestTarget target) throws DpopProofRejectedException {
        return verify(proof, target, null);
    }

    /**
     * Checks a proof that comes with an access token: its {@code ath} must be that token's SHA-256, and its key the
     * one the token is bound to (the caller compares the thumbprint with {@code cnf.jkt}).
     *
     * @throws DpopProofRejectedException when it proves nothing for this request and token
     */
    public DpopProof verify(String proof, RequestTarget target, String accessToken)
            throws DpopProofRejectedException {
        if (proof.length() > MAX_PROOF_LENGTH) {
            throw new DpopProofRejectedException("The DPoP proof is too long");
        }
        JwtContext context;
        try {
            context = consumer.process(proof);
        } catch (InvalidJwtException e) {
            // The codes alone: jose4j's message quotes the proof's claims.
            String codes = e.getErrorDetails().stream().map(d -> String.valueOf(d.getErrorCode()))
                    .collect(Collectors.joining(","));
            throw new DpopProofRejectedException(e.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)
                    || e.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_PAST)
                    ? "The DPoP proof's iat is outside the accepted window"
                    : "The DPoP proof is invalid (jose4j error codes " + codes + ")", e);
        }
        JwtClaims claims = context.getJwtClaims();
        JsonWebSignature jws = (JsonWebSignature) context.getJoseObjects().get(0);
        try {
            if (!target.method().equals(claims.getStringClaimValue("htm"))) {
                throw new DpopProofRejectedException("The DPoP proof's htm is not the request's method");
            }
            String htu = claims.getStringClaimValue("htu");
            if (htu == null || !target.isNamedBy(htu)) {
                throw new DpopProofRejectedException("The DPoP proof's htu is not the request's URL");
            }
            if (accessToken != null && !sameHash(claims.getStringClaimValue("ath"), accessToken)) {
                throw new DpopProofRejectedException("The DPoP proof's ath is not the access token's hash");
            }
            String jti = claims.getJwtId();
            if (jti.isEmpty() || jti.length() > MAX_JTI_LENGTH) {
                throw new DpopProofRejectedException("The DPoP proof's jti is empty or too long");
            }
            if (nonces != null && !(claims.getClaimValue("nonce") instanceof String nonce
                    && nonces.isCurrent(nonce))) {
                throw new DpopNonceRequiredException();
            }
            String thumbprint = jws.getJwkHeader().calculateBase64urlEncodedThumbprint("SHA-256");
            if (!firstUse(thumbprint, jti, claims.getIssuedAt().getValue())) {
                throw new DpopProofRejectedException("The DPoP proof was used before");
            }
            return new DpopProof(thumbprint);
        } catch (MalformedClaimException e) {
            throw new DpopProofRejectedException("The DPoP proof's claims are not strings", e);
        } catch (JoseException e) {
            throw new DpopProofRejectedException("The DPoP proof's jwk is invalid", e);
        } catch (ProofReplayCache.FullException e) {
            throw new DpopProofRejectedException("Too many DPoP proofs at once; retry shortly", e);
        }
    }

    /**
     * Remembers a proof that passed every other check, telling whether this node has not taken it before. A method of
     * its own only as a seam for {@code DpopProofBenchmark} (src/bench): a proof is taken once, so to time the rest of
     * the check with one proof the benchmark overrides this, and times the replay cache on its own. Nothing in the
     * module overrides it.
     */
    boolean firstUse(String thumbprint, String jti, long issuedAt) throws ProofReplayCache.FullException {
        // Keyed by the key too: a jti one client chose can never block another client's proof.
        return replays.firstUse(thumbprint, jti, issuedAt, clock.instant().getEpochSecond() - acceptedSeconds);
    }

    /** Constant time: the hash is of a secret. */
    private static boolean sameHash(String ath, String accessToken) {
        return ath != null && MessageDigest.isEqual(ath.getBytes(StandardCharsets.US_ASCII),
                Sha256.base64url(accessToken).getBytes(StandardCharsets.US_ASCII));
    }

    /** The proof's own public key, for the algorithm it names: never a private or symmetric key, never fetched. */
    private static PublicKey embeddedKey(JsonWebStructure jws) throws UnresolvableKeyException {
        if (!(jws.getHeaders().getObjectHeaderValue("jwk") instanceof Map<?, ?> jwk)) {
            throw new UnresolvableKeyException("The proof carries no jwk");
        }
        if (jwk.keySet().stream().anyMatch(PRIVATE_MEMBERS::contains)) {
            throw new UnresolvableKeyException("The proof's jwk holds a private key");
        }
        List<String> type = KEY_TYPES.get(jws.getAlgorithmHeaderValue());
        if (type == null || !type.get(0).equals(jwk.get("kty")) || !type.get(1).equals(jwk.get("crv"))) {
            throw new UnresolvableKeyException("The proof's jwk is not of its alg's key type and curve");
        }
        try {
            PublicJsonWebKey key = jws.getJwkHeader();
            return key.getPublicKey();
        } catch (JoseException e) {
            throw new UnresolvableKeyException("The proof's jwk is invalid", e);
        }
    }

    /**
     * The nonce this node asks proofs to carry now, for the {@code DPoP-Nonce} header of every answer; empty when
     * nonces are off.
     */
    public Optional<String> nonce() {
        return nonces == null ? Optional.empty() : Optional.of(nonces.current());
    }

    /** Whether logins are bound to keys, may be, or must be. */
    public DpopMode mode() {
        return settings.dpop().mode();
    }

    /**
     * The method and URL that a request's proof must name.
     *
     * @param requestUrl the URL as the container reports it (scheme, host, port and path, no query)
     * @param contextPath the context root in its path
     * @param requestUri the path with the context root, undecoded
     */
    public RequestTarget target(String method, String requestUrl, String contextPath, String requestUri) {
        return RequestTarget.of(method, requestUrl, contextPath, requestUri, settings.dpop().publicUrl());
    }

    /** The algorithms, as a challenge's {@code algs} parameter lists them. */
    public static String algorithms() {
        return String.join(" ", ALGORITHMS);
    }

    /** How many proofs this node remembers now. */
    int rememberedProofs() {
        return replays.size();
    }
}
