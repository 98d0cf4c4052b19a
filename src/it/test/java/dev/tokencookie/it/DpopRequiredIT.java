package dev.tokencookie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.it.deployed.TestUsers;
import dev.tokencookie.it.support.Api;
import dev.tokencookie.it.support.Api.Reply;
import dev.tokencookie.it.support.Deployments;
import dev.tokencookie.it.support.ServerTest;
import dev.tokencookie.testing.DpopProver;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * {@code auth.dpop=required} with server nonces: no login without a proof, no proof without this node's nonce, and
 * the client that signs again with the nonce it was given gets in.
 */
class DpopRequiredIT extends ServerTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(Map.of("auth.dpop", "required", "auth.dpop.nonces", "true"));
    }

    private String url(String path) {
        return Deployments.onLocalhost(deployed).resolve(path).toString();
    }

    @Test
    void aLoginWithoutAProofIsRefusedAndOnlyDpopIsOffered() {
        Api api = api();
        Reply login = api.login(TestUsers.USER, TestUsers.USER_PASSWORD);
        assertEquals(400, login.status());
        assertEquals("invalid_dpop_proof", login.json().getString("error"));
        assertTrue(login.headers("Set-Cookie").isEmpty());
        Reply anonymous = api.get("api/me");
        assertEquals(List.of("DPoP realm=\"api\", algs=\"ES256 EdDSA\""), anonymous.headers("WWW-Authenticate"));
        assertTrue(anonymous.header("DPoP-Nonce").isPresent(), "every guarded answer gives the nonce");
    }

    @Test
    void aProofWithoutTheNodesNonceIsAnsweredWithOneAndTheRetryGetsIn() {
        Api api = api();
        DpopProver key = DpopProver.es256();
        Reply first = api.login(TestUsers.USER, TestUsers.USER_PASSWORD, "DPoP", key.proof("POST",
                url("api/auth/login")).sign());
        assertEquals(400, first.status());
        assertEquals("use_dpop_nonce", first.json().getString("error"));
        String nonce = first.header("DPoP-Nonce").orElseThrow();

        Reply login = api.login(TestUsers.USER, TestUsers.USER_PASSWORD, "DPoP", key.proof("POST",
                url("api/auth/login")).claim("nonce", nonce).sign());
        assertEquals(200, login.status(), login.body());
        assertEquals("DPoP", login.json().getString("token_type"));
        String token = login.json().getString("access_token");

        Reply withoutNonce = api.get("api/me", "Authorization", "DPoP " + token, "DPoP", key.proof("GET",
                url("api/me")).forToken(token).sign());
        assertEquals(401, withoutNonce.status());
        assertTrue(withoutNonce.header("WWW-Authenticate").orElseThrow().contains("error=\"use_dpop_nonce\""));
        String latest = withoutNonce.header("DPoP-Nonce").orElseThrow();
        Reply me = api.get("api/me", "Authorization", "DPoP " + token, "DPoP", key.proof("GET", url("api/me"))
                .forToken(token).claim("nonce", latest).sign());
        assertEquals(200, me.status(), me.body());

        Reply forged = api.get("api/me", "Authorization", "DPoP " + token, "DPoP", key.proof("GET", url("api/me"))
                .forToken(token).claim("nonce", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").sign());
        assertTrue(forged.header("WWW-Authenticate").orElseThrow().contains("error=\"use_dpop_nonce\""));
    }
}
