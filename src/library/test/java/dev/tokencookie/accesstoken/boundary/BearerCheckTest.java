package dev.tokencookie.accesstoken.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.tokencookie.accesstoken.control.AccessTokenIssuer;
import dev.tokencookie.accesstoken.control.AccessTokenVerifier;
import dev.tokencookie.accesstoken.control.DpopProofs;
import dev.tokencookie.accesstoken.control.TestVerifiers;
import dev.tokencookie.accesstoken.control.TokenRejectedException;
import dev.tokencookie.accesstoken.control.VerifiedToken;
import dev.tokencookie.operations.control.TokenRefusal;
import dev.tokencookie.settings.control.AuthSettings;
import dev.tokencookie.settings.control.TestSettings;
import dev.tokencookie.testing.DpopProver;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BearerCheckTest {

    private static final DpopProofs BEARER_ONLY = new DpopProofs(TestSettings.with(), Clock.systemUTC());
    private static final String URL = "http://localhost:8080/app/api/me";

    /** Counts the verifications it passes on to a real verifier. */
    private static final class CountingVerifier extends AccessTokenVerifier {

        private final AccessTokenVerifier real = TestVerifiers.verifier(TestSettings.with());
        int verifications;

        @Override
        public VerifiedToken verify(String token) throws TokenRejectedException {
            verifications++;
            return real.verify(token);
        }
    }

    @Test
    void theMechanismAndTheFilterVerifyARequestsTokenOnce() {
        CountingVerifier verifier = new CountingVerifier();
        HttpServletRequest request = request("Bearer aaaa.bbbb.cccc");

        BearerCheck first = BearerCheck.of(request, verifier, BEARER_ONLY);
        BearerCheck second = BearerCheck.of(request, verifier, BEARER_ONLY);

        assertSame(first, second);
        assertEquals(BearerCheck.Outcome.REFUSED, first.outcome());
        assertEquals(1, verifier.verifications);
        assertEquals(List.of("Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The access token is"
                + " invalid\""), first.challenges("api"));
    }

    @Test
    void aRequestWithoutCredentialsIsChallengedWithoutAnErrorCode() {
        CountingVerifier verifier = new CountingVerifier();
        BearerCheck check = BearerCheck.of(request(null), verifier, BEARER_ONLY);
        assertEquals(BearerCheck.Outcome.ABSENT, check.outcome());
        assertEquals(List.of("Bearer realm=\"api\""), check.challenges("api"));
        assertEquals(0, verifier.verifications);
    }

    /** A token bound to the client's key, and the checks of a server that takes DPoP. */
    private static final class Bound {
        final AuthSettings settings;
        final DpopProofs proofs;
        final AccessTokenVerifier verifier;
        final DpopProver client = DpopProver.es256();
        final String token;
        final String bearerToken;

        Bound(String mode) {
            settings = TestSettings.with("auth.dpop", mode);
            proofs = new DpopProofs(settings, Clock.systemUTC());
            verifier = TestVerifiers.verifier(settings);
            AccessTokenIssuer issuer = TestVerifiers.issuer(verifier);
            token = issuer.issue("alice", Set.of("user"), "s1", Optional.of(client.thumbprint())).token();
            bearerToken = issuer.issue("alice", Set.of("user"), "s2").token();
        }

        BearerCheck check(String authorization, String... proofs) {
            return BearerCheck.of(request(authorization, proofs), verifier, this.proofs);
        }

        String proof() {
            return client.proof("GET", URL).forToken(token).sign();
        }
    }

    @Test
    void aBoundTokenPassesOnlyWithTheDpopSchemeAndAProofOfItsKey() {
        Bound bound = new Bound("allowed");
        BearerCheck passed = bound.check("DPoP " + bound.token, bound.proof());
        assertEquals(BearerCheck.Outcome.VERIFIED, passed.outcome());
        assertEquals(Optional.of(bound.client.thumbprint()), passed.token().boundKey());

        String dpopScheme = "DPoP realm=\"api\", algs=\"ES256 EdDSA\", ";
        BearerCheck asBearer = bound.check("Bearer " + bound.token, bound.proof());
        assertEquals(List.of(dpopScheme + "error=\"invalid_token\", error_description=\"The access token is bound to a"
                + " key: send it with the DPoP scheme and a proof\""), asBearer.challenges("api"));
        assertEquals(TokenRefusal.INVALID, asBearer.refusal());

        BearerCheck withoutProof = bound.check("DPoP " + bound.token);
        assertEquals(List.of(dpopScheme + "error=\"invalid_dpop_proof\", error_description=\"Exactly one DPoP proof is"
                + " required with a bound access token\""), withoutProof.challenges("api"));
        assertEquals(TokenRefusal.INVALID_PROOF, withoutProof.refusal());

        String otherKeysProof = DpopProver.es256().proof("GET", URL).forToken(bound.token).sign();
        assertEquals(List.of(dpopScheme + "error=\"invalid_dpop_proof\", error_description=\"The DPoP proof is not"
                + " signed with the access token's key\""), bound.check("DPoP " + bound.token, otherKeysProof)
                .challenges("api"));
        assertEquals(BearerCheck.Outcome.REFUSED, bound.check("DPoP " + bound.token, bound.proof(), bound.proof())
                .outcome());
        String proof = bound.proof();
        assertEquals(BearerCheck.Outcome.VERIFIED, bound.check("DPoP " + bound.token, proof).outcome());
        assertEquals(BearerCheck.Outcome.REFUSED, bound.check("DPoP " + bound.token, proof).outcome());
    }

    @Test
    void anUnboundTokenIsABearersWhereAllowedAndRefusedWhereRequired() {
        Bound allowed = new Bound("allowed");
        assertEquals(BearerCheck.Outcome.VERIFIED, allowed.check("Bearer " + allowed.bearerToken).outcome());
        assertEquals(BearerCheck.Outcome.REFUSED, allowed.check("DPoP " + allowed.bearerToken, allowed.client
                .proof("GET", URL).forToken(allowed.bearerToken).sign()).outcome());
        assertEquals(List.of("Bearer realm=\"api\"", "DPoP realm=\"api\", algs=\"ES256 EdDSA\""),
                allowed.check(null).challenges("api"));

        Bound required = new Bound("required");
        BearerCheck unbound = required.check("Bearer " + required.bearerToken);
        assertEquals(BearerCheck.Outcome.REFUSED, unbound.outcome());
        assertEquals(List.of("DPoP realm=\"api\", algs=\"ES256 EdDSA\""), required.check(null).challenges("api"));
        assertEquals(BearerCheck.Outcome.VERIFIED, required.check("DPoP " + required.token, required.proof())
                .outcome());
    }

    private static HttpServletRequest request(String authorization, String... proofs) {
        Map<String, Object> attributes = new HashMap<>();
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeaders" -> Collections.enumeration("DPoP".equals(args[0]) ? List.of(proofs)
                            : authorization == null ? List.of() : List.of(authorization));
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    case "getMethod" -> "GET";
                    case "getRequestURL" -> new StringBuffer(URL);
                    case "getContextPath" -> "/app";
                    case "getRequestURI" -> "/app/api/me";
                    default -> null;
                });
    }
}
