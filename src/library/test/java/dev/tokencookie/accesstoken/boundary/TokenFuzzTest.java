package dev.tokencookie.accesstoken.boundary;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tokencookie.accesstoken.control.AccessTokenVerifier;
import dev.tokencookie.accesstoken.control.SigningKey;
import dev.tokencookie.accesstoken.control.TestVerifiers;
import dev.tokencookie.accesstoken.control.TokenRejectedException;
import dev.tokencookie.accesstoken.control.VerifiedToken;
import dev.tokencookie.settings.control.AuthSettings;
import dev.tokencookie.settings.control.TestSettings;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/**
 * Coverage-guided fuzzing (Jazzer) of what the filter does with an Authorization header: any exception but the
 * verifier's refusal is a finding, and so is an accepted token that breaks a rule.
 */
class TokenFuzzTest {

    private static final AuthSettings SETTINGS = TestSettings.with();
    private static final AccessTokenVerifier VERIFIER = TestVerifiers.verifier(SETTINGS);
    private static final SigningKey KEY = TestVerifiers.key(VERIFIER);
    private static final String KID = KEY.keyId();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    @FuzzTest(maxDuration = "60s")
    void parseAndVerify(FuzzedDataProvider data) throws Exception {
        int mode = data.consumeInt(0, 2);
        boolean signed = mode == 2;
        String header = switch (mode) {
            case 0 -> data.consumeRemainingAsString();
            case 1 -> structured(data);
            default -> signedByTheServer(data);
        };
        BearerCredentials credentials = BearerCredentials.from(Collections.enumeration(List.of(header)));
        if (credentials.outcome() != BearerCredentials.Outcome.PRESENT) {
            return;
        }
        VerifiedToken token;
        try {
            token = VERIFIER.verify(credentials.token());
        } catch (TokenRejectedException refused) {
            return;
        }
        if (!signed) {
            throw new AssertionError("A token nobody signed with the server's key was accepted: " + header);
        }
        // Genuinely signed fuzzed claims may pass only if they keep the rules.
        Object audience = token.claims().get("aud");
        boolean ours = SETTINGS.audience().equals(audience)
                || (audience instanceof List<?> list && list.contains(SETTINGS.audience()));
        if (!SETTINGS.issuer().equals(token.claims().get("iss")) || !ours || token.subject() == null
                || token.expiresAt().isBefore(Instant.now().minus(SETTINGS.clockSkew()))) {
            throw new AssertionError("A token that breaks a rule was accepted: " + token.claims());
        }
    }

    /** Fuzzed header and claims JSON with a genuine RS256 signature, so the checks after the signature run too. */
    private static String signedByTheServer(FuzzedDataProvider data) throws Exception {
        long now = Instant.now().getEpochSecond();
        String joseHeader = data.consumeBoolean()
                ? "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + KID + "\"" + data.consumeString(80) + "}"
                : data.consumeString(200);
        String claims = data.consumeBoolean()
                ? "{\"iss\":\"" + SETTINGS.issuer() + "\",\"aud\":\"" + SETTINGS.audience() + "\",\"sub\":\"a\","
                        + "\"jti\":\"j\",\"iat\":" + (now + data.consumeInt(-600, 600)) + ",\"exp\":"
                        + (now + data.consumeInt(-600, 600)) + data.consumeString(300) + "}"
                : data.consumeRemainingAsString();
        String input = B64.encodeToString(joseHeader.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(KEY.privateKey());
        rsa.update(input.getBytes(StandardCharsets.US_ASCII));
        return "Bearer " + input + "." + B64.encodeToString(rsa.sign());
    }

    /** Well-formed JOSE framing around fuzzed JSON and signature bytes, so the fuzzer reaches jose4j's parsers. */
    private static String structured(FuzzedDataProvider data) {
        String joseHeader = data.consumeBoolean()
                ? "{\"alg\":\"" + data.pickValue(List.of("RS256", "none", "HS256", "ES256", "PS256", "RS512"))
                        + "\",\"typ\":\"JWT\",\"kid\":\"" + (data.consumeBoolean() ? KID : data.consumeString(40))
                                + "\""
                        + data.consumeString(60) + "}"
                : data.consumeString(200);
        String payload = data.consumeString(400);
        byte[] signature = data.consumeBytes(300);
        return "Bearer " + B64.encodeToString(joseHeader.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + B64.encodeToString(signature);
    }
}
