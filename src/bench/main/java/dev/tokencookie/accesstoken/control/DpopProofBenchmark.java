package dev.tokencookie.accesstoken.control;

import dev.tokencookie.settings.control.AuthSettings;
import dev.tokencookie.settings.control.SettingsReader;
import dev.tokencookie.testing.DpopProver;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What checking one DPoP proof (RFC 9449) costs the server: the module's whole check of a proof that comes with an
 * access token, against the JDK's bare signature check of the same bytes (the floor), and the replay cache apart.
 *
 * <p>A proof is taken once: the module's replay cache refuses a jti it has seen. {@code moduleProofCheck} therefore
 * checks one proof again and again through a {@link DpopProofs} whose {@link DpopProofs#firstUse} seam answers "first
 * use" without the cache (every other step runs as in production: size, jose4j's parse and signature check with the
 * embedded key, typ, iat, htm, htu, ath, jti, the key's thumbprint), and {@code replayCache} times the cache on its
 * own, with a new jti each operation. The two add up to what a request's proof costs.
 *
 * <p>Run by {@code ./mvnw -Pbench verify}; docs/performance.md has the numbers.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DpopProofBenchmark {

    /**
     * The proofs a second the replay cache is fed with, on a simulated clock: far more would fill it (its capacity is
     * what a minute's window holds at about 4,000 a second), so operations after the first ones run on a cache of
     * about this times the window's seconds of live proofs, as on a busy node.
     */
    static final int SIMULATED_PROOFS_PER_SECOND = 2_000;

    @Param({"ES256", "EdDSA"})
    public String algorithm;

    private RequestTarget target;
    private String accessToken;
    private DpopProver prover;
    private DpopProofs withoutReplayCache;
    private String proof;
    private Signature floor;
    private byte[] signingInput;
    private byte[] signature;

    private String thumbprint;
    /** With the counter after it, about as long as the browser client's jti (a UUID, 36 characters). */
    private final String jtiPrefix = UUID.randomUUID().toString().substring(0, 26);
    private long acceptedSeconds;
    private long simulatedStart;
    private ProofReplayCache replays;
    private long proofs;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException, JoseException, DpopProofRejectedException {
        AuthSettings settings = new SettingsReader(Map.of("auth.dpop", "allowed", "auth.access-token.ttl",
                "PT1H")::get, Map.of(), Map.of()).read();
        prover = "ES256".equals(algorithm) ? DpopProver.es256() : DpopProver.ed25519();
        // A token of the module's own, bound to the key: its length is what ath hashes per request.
        GeneratedSigningKeys keys = new GeneratedSigningKeys();
        keys.generate(settings.signing().algorithm());
        accessToken = new AccessTokenIssuer(settings, keys, Clock.systemUTC())
                .issue("ben", Set.of("user"), "session-1", Optional.of(prover.thumbprint())).token();
        target = new RequestTarget("GET", "https://api.example.com/api/me");
        withoutReplayCache = new DpopProofs(settings, Clock.systemUTC()) {
            @Override
            boolean firstUse(String thumbprint, String jti, long issuedAt) {
                return true;
            }
        };
        thumbprint = prover.thumbprint();
        acceptedSeconds = settings.dpop().proofLifetime().getSeconds() + 2 * settings.clockSkew().getSeconds();
        simulatedStart = Instant.now().getEpochSecond();
        replays = new ProofReplayCache(ProofReplayCache.CAPACITY);

        signProof();
        // The production path takes the very proof once, and only once: the seam changes nothing else.
        DpopProofs production = new DpopProofs(settings, Clock.systemUTC());
        if (!production.verify(proof, target, accessToken).thumbprint().equals(thumbprint)) {
            throw new IllegalStateException("The module must take the benchmark's proof");
        }
        try {
            production.verify(proof, target, accessToken);
            throw new IllegalStateException("The module must refuse a proof it took before");
        } catch (DpopProofRejectedException expected) {
            // What the seam lets moduleProofCheck skip.
        }
        if (!moduleProofCheck().thumbprint().equals(thumbprint)) {
            throw new IllegalStateException("The check without the replay cache must take the proof too");
        }

        String[] parts = proof.split("\\.");
        signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        signature = Base64.getUrlDecoder().decode(parts[2]);
        JsonWebSignature parsed = new JsonWebSignature();
        parsed.setCompactSerialization(proof);
        PublicKey key = parsed.getJwkHeader().getPublicKey();
        // JWS carries ES256's R || S; the JDK reads that format under this name, without a DER conversion.
        floor = Signature.getInstance("ES256".equals(algorithm) ? "SHA256withECDSAinP1363Format" : "Ed25519");
        floor.initVerify(key);
        if (!jdkSignatureFloor()) {
            throw new IllegalStateException("The floor must verify the same signature the module does");
        }
    }

    /** A fresh proof each iteration, so that its iat stays inside the accepted window however long a run is. */
    @Setup(Level.Iteration)
    public void signProof() {
        proof = prover.proof(target.method(), target.url()).forToken(accessToken).sign();
    }

    /** The cache must never have refused a proof for being full, or replayCache timed a refusal. */
    @TearDown(Level.Iteration)
    public void checkCache() {
        if (replays.size() >= ProofReplayCache.CAPACITY) {
            throw new IllegalStateException("The replay cache filled up: " + replays.size());
        }
    }

    /** Nothing cheaper can check a proof's signature: the same bytes, the same key, no parsing. */
    @Benchmark
    public boolean jdkSignatureFloor() throws GeneralSecurityException {
        floor.update(signingInput);
        return floor.verify(signature);
    }

    /** Everything {@link DpopProofs#verify(String, RequestTarget, String)} does, but the replay cache. */
    @Benchmark
    public DpopProof moduleProofCheck() throws DpopProofRejectedException {
        return withoutReplayCache.verify(proof, target, accessToken);
    }

    /**
     * The replay cache's part: a new jti each time, one key, the iat on a clock that advances a second every
     * {@link #SIMULATED_PROOFS_PER_SECOND} proofs, so that seconds older than the window are forgotten as in
     * production and the cache neither fills nor grows without bound, however long the run.
     */
    @Benchmark
    public boolean replayCache() throws ProofReplayCache.FullException {
        long n = proofs++;
        long issuedAt = simulatedStart + n / SIMULATED_PROOFS_PER_SECOND;
        return replays.firstUse(thumbprint, jtiPrefix + n, issuedAt, issuedAt - acceptedSeconds);
    }
}
