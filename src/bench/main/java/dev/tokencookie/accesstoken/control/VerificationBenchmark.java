package dev.tokencookie.accesstoken.control;

import dev.tokencookie.settings.control.AuthSettings;
import dev.tokencookie.settings.control.SettingsReader;
import dev.tokencookie.settings.control.SigningAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What verifying one access token costs: the module's verifier, cached and uncached, against the JDK's bare signature
 * check of the same bytes (the floor) and against what a team would otherwise write with jose4j
 * ({@link NimbusVerificationBenchmark} has nimbus-jose-jwt).
 *
 * <p>Run by {@code ./mvnw -Pbench verify}; docs/performance.md has the numbers.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class VerificationBenchmark {

    @Param({"RS256", "ES256", "EdDSA"})
    public String algorithm;

    private String token;
    private String largeToken;
    private AccessTokenVerifier uncached;
    private AccessTokenVerifier cached;
    private AccessTokenIssuer issuer;
    private Signature floor;
    private byte[] signingInput;
    private byte[] signature;
    private JwtConsumer jose4jDefaults;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException, JoseException {
        SigningAlgorithm alg = SigningAlgorithm.byJoseName(algorithm).orElseThrow();
        // An hour of lifetime, so that a longer run (-r, -i) never meets an expired token.
        AuthSettings settings = new SettingsReader(Map.of("auth.signing.algorithm", algorithm, "auth.access-token.ttl",
                "PT1H")::get, Map.of(), Map.of()).read();
        AuthSettings withoutCache = new SettingsReader(Map.of("auth.signing.algorithm", algorithm,
                "auth.access-token.ttl",
                "PT1H", "auth.access-token.cache-size", "0")::get, Map.of(), Map.of()).read();
        GeneratedSigningKeys keys = new GeneratedSigningKeys();
        keys.generate(alg);
        SigningKey key = keys.signingKey();

        issuer = new AccessTokenIssuer(settings, keys, Clock.systemUTC());
        token = issuer.issue("ben", Set.of("user"), "session-1").token();
        // A hit hashes the whole token: the cost of one with thirty groups, about four times as long.
        Set<String> groups = new TreeSet<>();
        for (int i = 0; i < 30; i++) {
            groups.add("department-" + i + "-reader");
        }
        largeToken = issuer.issue("ben", groups, "session-2").token();
        uncached = new AccessTokenVerifier(withoutCache, keys, SessionRevocations.NONE);
        cached = new AccessTokenVerifier(settings, keys, SessionRevocations.NONE);

        String[] parts = token.split("\\.");
        signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        signature = Base64.getUrlDecoder().decode(parts[2]);
        floor = Signature.getInstance(switch (alg) {
            case RS256 -> "SHA256withRSA";
            // JWS carries R || S; the JDK reads that format under this name, without a DER conversion.
            case ES256 -> "SHA256withECDSAinP1363Format";
            case EDDSA -> "Ed25519";
        });
        floor.initVerify(key.publicKey());
        if (!jdkSignatureFloor()) {
            throw new IllegalStateException("The floor must verify the same signature the module does");
        }

        // What the jose4j documentation shows: a key, the expected issuer and audience, exp required.
        jose4jDefaults = new JwtConsumerBuilder()
                .setVerificationKey(key.publicKey())
                .setRequireExpirationTime()
                .setExpectedIssuer(settings.issuer())
                .setExpectedAudience(settings.audience())
                .build();
    }

    /** Nothing cheaper can check a signature: the same bytes, the same key, no parsing. */
    @Benchmark
    public boolean jdkSignatureFloor() throws GeneralSecurityException {
        floor.update(signingInput);
        return floor.verify(signature);
    }

    @Benchmark
    public VerifiedToken moduleUncached() throws TokenRejectedException {
        return uncached.verify(token);
    }

    @Benchmark
    public VerifiedToken moduleCached() throws TokenRejectedException {
        return cached.verify(token);
    }

    @Benchmark
    public VerifiedToken moduleCachedLargeToken() throws TokenRejectedException {
        return cached.verify(largeToken);
    }

    @Benchmark
    public JwtClaims jose4jDefaults() throws InvalidJwtException {
        return jose4jDefaults.processToClaims(token);
    }

    @Benchmark
    public IssuedAccessToken sign() {
        return issuer.issue("ben", Set.of("user"), "session-1");
    }
}
