package dev.tokencookie.accesstoken.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.tokencookie.accesstoken.control.AccessTokenVerifier;
import dev.tokencookie.accesstoken.control.TestVerifiers;
import dev.tokencookie.accesstoken.control.TokenRejectedException;
import dev.tokencookie.accesstoken.control.VerifiedToken;
import dev.tokencookie.settings.control.TestSettings;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BearerCheckTest {

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

        BearerCheck first = BearerCheck.of(request, verifier);
        BearerCheck second = BearerCheck.of(request, verifier);

        assertSame(first, second);
        assertEquals(BearerCheck.Outcome.REFUSED, first.outcome());
        assertEquals(1, verifier.verifications);
        assertEquals("Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The access token is invalid\"",
                first.challenge("api"));
    }

    @Test
    void aRequestWithoutCredentialsIsChallengedWithoutAnErrorCode() {
        CountingVerifier verifier = new CountingVerifier();
        BearerCheck check = BearerCheck.of(request(null), verifier);
        assertEquals(BearerCheck.Outcome.ABSENT, check.outcome());
        assertEquals("Bearer realm=\"api\"", check.challenge("api"));
        assertEquals(0, verifier.verifications);
    }

    private static HttpServletRequest request(String authorization) {
        Map<String, Object> attributes = new HashMap<>();
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeaders" -> Collections.enumeration(authorization == null ? List.of()
                            : List.of(authorization));
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    default -> null;
                });
    }
}
