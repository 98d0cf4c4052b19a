package dev.tokencookie.accesstoken.boundary;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tokencookie.accesstoken.control.AccessTokenVerifier;
import dev.tokencookie.accesstoken.control.TestVerifiers;
import dev.tokencookie.settings.control.TestSettings;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * Coverage-guided fuzzing (Jazzer) of what the filter does with an Authorization header: parse it, then verify the
 * token. Any exception but the verifier's own refusal is a finding, and so is a forged token that passes.
 */
class TokenFuzzTest {

    private static final AccessTokenVerifier VERIFIER = TestVerifiers.verifier(TestSettings.with());
    private static final String KID = TestVerifiers.keyId(VERIFIER);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    @FuzzTest(maxDuration = "60s")
    void parseAndVerify(FuzzedDataProvider data) {
        String header = data.consumeBoolean() ? data.consumeRemainingAsString() : structured(data);
        BearerCredentials credentials = BearerCredentials.from(Collections.enumeration(List.of(header)));
        if (credentials.outcome() != BearerCredentials.Outcome.PRESENT) {
            return;
        }
        try {
            VERIFIER.verify(credentials.token());
        } catch (InvalidJwtException refused) {
            return;
        }
        throw new AssertionError("A token nobody signed with the server's key was accepted: " + header);
    }

    /** Well-formed JOSE framing around fuzzed JSON and signature bytes, so the fuzzer reaches jose4j's parsers. */
    private static String structured(FuzzedDataProvider data) {
        String joseHeader = data.consumeBoolean()
                ? "{\"alg\":\"" + data.pickValue(List.of("RS256", "none", "HS256", "ES256", "PS256", "RS512"))
                        + "\",\"typ\":\"JWT\",\"kid\":\"" + (data.consumeBoolean() ? KID : data.consumeString(40)) + "\""
                        + data.consumeString(60) + "}"
                : data.consumeString(200);
        String payload = data.consumeString(400);
        byte[] signature = data.consumeBytes(300);
        return "Bearer " + B64.encodeToString(joseHeader.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + B64.encodeToString(signature);
    }
}
