package dev.tokencookie.accesstoken.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.tokencookie.settings.control.AuthSettings;
import dev.tokencookie.settings.control.SettingsReader;
import dev.tokencookie.settings.control.SigningAlgorithm;
import java.text.ParseException;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jose4j.jwk.PublicJsonWebKey;
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
 * The module's token verified as nimbus-jose-jwt's documentation shows: a processor with a key selector over the JWK
 * set and a claims check. Ed25519 in nimbus needs Google Tink, which is not on this classpath: RS256 and ES256 only.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NimbusVerificationBenchmark {

    @Param({"RS256", "ES256"})
    public String algorithm;

    private String token;
    private DefaultJWTProcessor<SecurityContext> processor;

    @Setup(Level.Trial)
    public void setUp() throws JoseException, ParseException {
        AuthSettings settings = new SettingsReader(Map.of("auth.signing.algorithm", algorithm, "auth.access-token.ttl",
                "PT1H")::get, Map.of(), Map.of()).read();
        GeneratedSigningKeys keys = new GeneratedSigningKeys();
        keys.generate(SigningAlgorithm.byJoseName(algorithm).orElseThrow());
        AccessTokenIssuer issuer = new AccessTokenIssuer(settings, keys, Clock.systemUTC());
        token = issuer.issue("ben", Set.of("user"), "session-1").token();

        PublicJsonWebKey published = PublicJsonWebKey.Factory.newPublicJwk(keys.signingKey().publicKey());
        // As the module's JWKS publishes it: nimbus selects the key by the token's kid.
        published.setKeyId(keys.signingKey().keyId());
        JWK key = JWK.parse(published.toJson());
        processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.parse(algorithm),
                new ImmutableJWKSet<>(new JWKSet(key))));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(settings.audience(),
                new JWTClaimsSet.Builder().issuer(settings.issuer()).build(), Set.of("exp", "sub")));
        try {
            nimbusJoseJwt();
        } catch (BadJOSEException | JOSEException e) {
            throw new IllegalStateException("nimbus must accept the module's token", e);
        }
    }

    @Benchmark
    public JWTClaimsSet nimbusJoseJwt() throws ParseException, BadJOSEException, JOSEException {
        return processor.process(token, null);
    }
}
