package dev.tokencookie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.it.deployed.TestUsers;
import dev.tokencookie.it.support.Api;
import dev.tokencookie.it.support.Api.Reply;
import dev.tokencookie.it.support.Deployments;
import dev.tokencookie.it.support.ServerTest;
import dev.tokencookie.testing.DpopProver;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

/**
 * Sender-constrained tokens (RFC 9449) over HTTP with {@code auth.dpop=allowed}: a login with a proof is bound to its
 * key, and what a script could copy out of the page (the access token, a proof it saw, the refresh cookie) opens
 * nothing without that key; the hostile-proof table beside the hostile-token one.
 */
class DpopIT extends ServerTest {

    private static final String DPOP_CHALLENGE = "DPoP realm=\"api\", algs=\"ES256 EdDSA\"";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(Map.of("auth.dpop", "allowed", "auth.dpop.proof-lifetime", "PT30S",
                "auth.clock-skew", "PT5S"));
    }

    /** A client with its key, signed in with a proof: its DPoP token and refresh cookie. */
    private final class Client {
        final DpopProver key = DpopProver.es256();
        final Api api = api();
        Reply login;
        String token;

        Client signIn() {
            login = api.login(TestUsers.USER, TestUsers.USER_PASSWORD, "DPoP", proof("POST", "api/auth/login"));
            assertEquals(200, login.status(), login.body());
            token = login.json().getString("access_token");
            return this;
        }

        String url(String path) {
            return Deployments.onLocalhost(deployed).resolve(path).toString();
        }

        String proof(String method, String path) {
            return key.proof(method, url(path)).sign();
        }

        DpopProver.Proof meProof() {
            return key.proof("GET", url("api/me")).forToken(token);
        }

        Reply me(String proof) {
            return api.get("api/me", "Authorization", "DPoP " + token, "DPoP", proof);
        }

        Reply refresh(String... proof) {
            String[] headers = proof.length == 0 ? new String[] {"Cookie", "refresh_token=" + login.refreshCookie()
                    .value(), "X-Requested-With", "fetch"} : new String[] {"Cookie", "refresh_token="
                    + login.refreshCookie().value(), "X-Requested-With", "fetch", "DPoP", proof[0]};
            return api.rawPost("api/auth/refresh", null, null, headers);
        }
    }

    @Test
    void aLoginWithAProofIsBoundToItsKeyAndSoIsEveryTokenOfIt() {
        Client client = new Client().signIn();
        assertEquals("DPoP", client.login.json().getString("token_type"));
        JsonObject claims = KeyRotationIT.claims(client.token);
        assertEquals(client.key.thumbprint(), claims.getJsonObject("cnf").getString("jkt"));

        Reply me = client.me(client.meProof().sign());
        assertEquals(200, me.status(), me.body());
        assertEquals(TestUsers.USER, me.json().getString("name"));

        Reply refreshed = client.refresh(client.proof("POST", "api/auth/refresh"));
        assertEquals(200, refreshed.status(), refreshed.body());
        assertEquals("DPoP", refreshed.json().getString("token_type"));
        client.token = refreshed.json().getString("access_token");
        assertEquals(client.key.thumbprint(), KeyRotationIT.claims(client.token).getJsonObject("cnf")
                .getString("jkt"));
        assertEquals(200, client.me(client.meProof().sign()).status());
    }

    @Test
    void aLoginWithoutAProofGetsBearerTokensAndBothSchemesAreOffered() {
        Api api = api();
        Reply login = api.login(TestUsers.USER, TestUsers.USER_PASSWORD);
        assertEquals("Bearer", login.json().getString("token_type"));
        String token = login.json().getString("access_token");
        assertFalse(KeyRotationIT.claims(token).containsKey("cnf"));
        assertEquals(200, api.get("api/me", "Authorization", "Bearer " + token).status());

        Reply anonymous = api.get("api/me");
        assertEquals(401, anonymous.status());
        assertEquals(List.of("Bearer realm=\"api\"", DPOP_CHALLENGE), anonymous.headers("WWW-Authenticate"));
        Reply noCookie = api.post("api/auth/refresh", null, null);
        assertEquals(401, noCookie.status());
        assertEquals(List.of("DPoP algs=\"ES256 EdDSA\""), noCookie.headers("WWW-Authenticate"),
                "a page's first refresh learns that the server binds logins to keys");
    }

    /** Each row spoils one thing of an honest request with a bound token; the control row must pass. */
    @Test
    void everyHostileProofIsRefused() {
        Client client = new Client().signIn();
        Client other = new Client().signIn();
        String reused = client.meProof().sign();
        assertEquals(200, client.me(reused).status(), "control: an honest proof");
        Instant now = Instant.now();
        Map<String, Function<DpopProver.Proof, DpopProver.Proof>> spoiled = new LinkedHashMap<>();
        spoiled.put("wrong htm", p -> p.claim("htm", "POST"));
        spoiled.put("wrong htu", p -> p.claim("htu", client.url("api/sessions")));
        spoiled.put("old iat", p -> p.issuedAt(now.minusSeconds(60)));
        spoiled.put("future iat", p -> p.issuedAt(now.plusSeconds(30)));
        spoiled.put("a private jwk", DpopProver.Proof::withPrivateJwk);
        spoiled.put("alg none", p -> p.signedWith("none", null));
        spoiled.put("HS256", p -> p.signedWith("HS256", new HmacKey("a secret an attacker shares with no one"
                .getBytes(StandardCharsets.US_ASCII))));
        spoiled.put("an ath that does not match", p -> p.forToken(other.token));
        spoiled.put("a key URL", p -> p.header("jku", client.url("api/auth/jwks")));
        spoiled.put("crit", p -> p.header("crit", List.of("htm")));
        spoiled.put("oversized", p -> p.claim("pad", "x".repeat(3000)));
        Map<String, String> proofs = new LinkedHashMap<>();
        spoiled.forEach((name, spoil) -> proofs.put(name, spoil.apply(client.meProof()).sign()));
        proofs.put("reused jti", reused);
        proofs.put("a proof of another key", other.key.proof("GET", client.url("api/me")).forToken(client.token)
                .sign());
        proofs.forEach((name, proof) -> {
            Reply refused = client.me(proof);
            assertEquals(401, refused.status(), name);
            assertEquals("invalid_dpop_proof", refused.json().getString("error"), name);
            assertTrue(refused.header("WWW-Authenticate").orElseThrow().startsWith(DPOP_CHALLENGE
                    + ", error=\"invalid_dpop_proof\""), name);
        });

        Reply withoutProof = client.api.get("api/me", "Authorization", "DPoP " + client.token);
        assertEquals("invalid_dpop_proof", withoutProof.json().getString("error"), "a bound token without a proof");
        Reply asBearer = client.api.get("api/me", "Authorization", "Bearer " + client.token, "DPoP",
                client.meProof().sign());
        assertEquals(401, asBearer.status(), "a bound token as Bearer");
        assertEquals("invalid_token", asBearer.json().getString("error"));
        assertTrue(asBearer.header("WWW-Authenticate").orElseThrow().startsWith(DPOP_CHALLENGE));
        Reply twoProofs = client.api.get("api/me", "Authorization", "DPoP " + client.token, "DPoP",
                client.meProof().sign(), "DPoP", client.meProof().sign());
        assertEquals(401, twoProofs.status(), "two proofs");
    }

    @Test
    void aHostileLoginProofIsRefusedBeforeThePasswordIsChecked() {
        Client client = new Client();
        Map<String, String> proofs = new LinkedHashMap<>();
        proofs.put("wrong htu", client.key.proof("POST", client.url("api/auth/refresh")).sign());
        proofs.put("wrong htm", client.key.proof("GET", client.url("api/auth/login")).sign());
        proofs.put("a private jwk", client.key.proof("POST", client.url("api/auth/login")).withPrivateJwk().sign());
        proofs.put("typ JWT", client.key.proof("POST", client.url("api/auth/login")).header("typ", "JWT").sign());
        proofs.forEach((name, proof) -> {
            Reply refused = client.api.login(TestUsers.USER, "a wrong password", "DPoP", proof);
            assertEquals(400, refused.status(), name);
            assertEquals("invalid_dpop_proof", refused.json().getString("error"), name);
            assertTrue(refused.headers("Set-Cookie").isEmpty(), name);
        });
    }

    /**
     * What an injected script can take: the access token and the refresh cookie (a copied cookie jar). Replayed from
     * elsewhere, without the key, they open nothing, and the cookie without the key ends the login as reuse does.
     */
    @Test
    void aCopiedTokenAndCookieOpenNothingWithoutTheKey() {
        Client victim = new Client().signIn();
        Api elsewhere = api();
        assertEquals(401, elsewhere.get("api/me", "Authorization", "Bearer " + victim.token).status());
        DpopProver attacker = DpopProver.es256();
        assertEquals(401, elsewhere.get("api/me", "Authorization", "DPoP " + victim.token, "DPoP", attacker
                .proof("GET", victim.url("api/me")).forToken(victim.token).sign()).status());

        Reply stolenRefresh = elsewhere.rawPost("api/auth/refresh", null, null, "Cookie", "refresh_token="
                + victim.login.refreshCookie().value(), "X-Requested-With", "fetch", "DPoP", attacker.proof("POST",
                victim.url("api/auth/refresh")).sign());
        assertEquals(401, stolenRefresh.status());
        assertEquals("invalid_grant", stolenRefresh.json().getString("error"));

        Reply owner = victim.refresh(victim.proof("POST", "api/auth/refresh"));
        assertEquals(401, owner.status(), "the login ended: its cookie was used without its key");
        assertEquals(401, victim.me(victim.meProof().sign()).status(), "and so did its access token");
        String session = KeyRotationIT.claims(victim.token).getString("sid");
        assertTrue(victim.api.get("test-support/reuse-events").jsonArray().getValuesAs(JsonObject.class).stream()
                .anyMatch(event -> event.getString("sessionId").equals(session)), "the reuse alarm is raised");
    }

    @Test
    void aBoundLoginsCookieWithoutAnyProofEndsTheLogin() {
        Client victim = new Client().signIn();
        Reply bare = victim.refresh();
        assertEquals(401, bare.status());
        assertEquals(401, victim.refresh(victim.proof("POST", "api/auth/refresh")).status());
    }
}
