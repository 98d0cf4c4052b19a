package dev.tokencookie.accesstoken.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tokencookie.settings.control.TestSettings;
import dev.tokencookie.testing.DpopProver;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

/**
 * The proof checks of RFC 9449 section 4.3, one spoiled proof per row: each must be refused, while the honest proof
 * beside them passes, so that each refusal is the rule's doing.
 */
class DpopProofsTest {

    private static final String URL = "https://api.example.com/app/api/me";
    private static final RequestTarget TARGET = new RequestTarget("GET", URL);
    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";

    private final DpopProofs proofs = new DpopProofs(TestSettings.with("auth.dpop", "allowed",
            "auth.dpop.proof-lifetime", "PT60S", "auth.clock-skew", "PT5S"), Clock.systemUTC());
    private final DpopProver client = DpopProver.es256();

    @Test
    void anHonestProofGivesItsKeysThumbprint() throws Exception {
        String proof = client.proof("GET", URL).forToken(TOKEN).sign();
        assertEquals(client.thumbprint(), proofs.verify(proof, TARGET, TOKEN).thumbprint());
        DpopProver edwards = DpopProver.ed25519();
        assertEquals(edwards.thumbprint(), proofs.verify(edwards.proof("POST", "https://api.example.com/app/api/auth"
                + "/refresh").sign(), new RequestTarget("POST", "https://api.example.com/app/api/auth/refresh"))
                .thumbprint());
        assertNotEquals(client.thumbprint(), edwards.thumbprint());
    }

    @Test
    void everySpoiledProofIsRefused() {
        DpopProver other = DpopProver.es256();
        Instant now = Instant.now();
        Map<String, Function<DpopProver.Proof, DpopProver.Proof>> spoiled = new LinkedHashMap<>();
        spoiled.put("wrong htm", p -> p.claim("htm", "POST"));
        spoiled.put("lower-case htm", p -> p.claim("htm", "get"));
        spoiled.put("wrong htu path", p -> p.claim("htu", "https://api.example.com/app/api/you"));
        spoiled.put("wrong htu host", p -> p.claim("htu", "https://evil.example.com/app/api/me"));
        spoiled.put("wrong htu scheme", p -> p.claim("htu", "http://api.example.com/app/api/me"));
        spoiled.put("htu not a URL", p -> p.claim("htu", "/app/api/me"));
        spoiled.put("no htu", p -> p.without("htu"));
        spoiled.put("no htm", p -> p.without("htm"));
        spoiled.put("htm not a string", p -> p.claim("htm", 7));
        spoiled.put("old iat", p -> p.issuedAt(now.minusSeconds(120)));
        spoiled.put("future iat", p -> p.issuedAt(now.plusSeconds(60)));
        spoiled.put("no iat", p -> p.without("iat"));
        spoiled.put("no jti", p -> p.without("jti"));
        spoiled.put("long jti", p -> p.jti("j".repeat(DpopProofs.MAX_JTI_LENGTH + 1)));
        spoiled.put("ath of another token", p -> p.forToken(TOKEN + "x"));
        spoiled.put("no ath", p -> p.without("ath"));
        spoiled.put("typ JWT", p -> p.header("typ", "JWT"));
        spoiled.put("no typ", p -> p.header("typ", null));
        spoiled.put("private jwk", DpopProver.Proof::withPrivateJwk);
        spoiled.put("alg none", p -> p.signedWith("none", null));
        spoiled.put("HS256", p -> p.signedWith("HS256", new HmacKey("a shared secret of 32 bytes or more"
                .getBytes(StandardCharsets.US_ASCII))));
        spoiled.put("signed by another key", p -> p.header("jwk", other.proof("GET", URL).headerJwk()));
        spoiled.put("no jwk", p -> p.header("jwk", "none"));
        spoiled.put("jku header", p -> p.header("jku", "https://evil.example.com/keys"));
        spoiled.put("x5c header", p -> p.header("x5c", List.of("MIIB")));
        spoiled.put("crit header", p -> p.header("crit", List.of("exp")));
        spoiled.put("oversized", p -> p.claim("pad", "x".repeat(DpopProofs.MAX_PROOF_LENGTH)));
        spoiled.forEach((name, spoil) -> {
            String proof = spoil.apply(client.proof("GET", URL).forToken(TOKEN)).sign();
            assertThrows(DpopProofRejectedException.class, () -> proofs.verify(proof, TARGET, TOKEN), name);
        });
    }

    @Test
    void aProofIsTakenOnceOnThisNode() throws Exception {
        String proof = client.proof("GET", URL).forToken(TOKEN).sign();
        proofs.verify(proof, TARGET, TOKEN);
        DpopProofRejectedException again = assertThrows(DpopProofRejectedException.class,
                () -> proofs.verify(proof, TARGET, TOKEN));
        assertEquals("The DPoP proof was used before", again.getMessage());
        // Another key may choose the same jti: it blocks nothing of this client's.
        DpopProver other = DpopProver.es256();
        proofs.verify(other.proof("GET", URL).forToken(TOKEN).jti("same").sign(), TARGET, TOKEN);
        proofs.verify(client.proof("GET", URL).forToken(TOKEN).jti("same").sign(), TARGET, TOKEN);
    }

    @Test
    void theUrlIsComparedAfterNormalisation() throws Exception {
        for (String spelling : new String[] {"HTTPS://API.example.com:443/app/api/me",
            "https://api.example.com/app/api/me?page=2", "https://api.example.com/app/api/me#top"}) {
            proofs.verify(client.proof("GET", spelling).forToken(TOKEN).sign(), TARGET, TOKEN);
        }
        assertEquals(Optional.of("http://h.example/a%2Fb"), RequestTarget.normalised("HTTP://H.example:80/a%2fb"));
        assertEquals(Optional.of("https://h.example/"), RequestTarget.normalised("https://h.example"));
        assertEquals(Optional.empty(), RequestTarget.normalised("https://user@h.example/"));
        assertEquals(Optional.empty(), RequestTarget.normalised("ftp://h.example/"));
    }

    @Test
    void thePublicUrlReplacesTheContainersOriginAndContextRoot() {
        assertEquals("https://app.example.com/auth/api/me", RequestTarget.of("GET", "http://10.0.0.7:8080/twa/api/me",
                "/twa", "/twa/api/me", Optional.of("https://app.example.com/auth")).url());
        assertEquals("http://10.0.0.7:8080/twa/api/me", RequestTarget.of("GET", "http://10.0.0.7:8080/twa/api/me",
                "/twa", "/twa/api/me", Optional.empty()).url());
    }

    @Test
    void theReplayCacheForgetsProofsTooOldToPassAndRefusesWhenFull() throws Exception {
        ProofReplayCache cache = new ProofReplayCache(2);
        assertEquals(true, cache.firstUse("k", "a", 100, 50));
        assertEquals(false, cache.firstUse("k", "a", 100, 50));
        assertEquals(true, cache.firstUse("k", "b", 101, 50));
        assertThrows(ProofReplayCache.FullException.class, () -> cache.firstUse("k", "c", 102, 50));
        assertEquals(true, cache.firstUse("k", "c", 102, 101));
        assertEquals(2, cache.size());
    }
}
