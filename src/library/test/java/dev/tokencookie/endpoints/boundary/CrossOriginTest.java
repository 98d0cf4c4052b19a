package dev.tokencookie.endpoints.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CORS headers that an allowed origin gets: what a page may read, and what a preflight may ask for. */
class CrossOriginTest {

    private static final String ORIGIN = "https://app.example.test";

    @Test
    void anAnswerLetsTheOriginReadTheChallengeAndTheWait() {
        Map<String, String> headers = new LinkedHashMap<>();

        CrossOrigin.allowAnswer(ORIGIN, headers::put);

        assertEquals(Map.of("Access-Control-Allow-Origin", ORIGIN, "Access-Control-Allow-Credentials", "true",
                "Access-Control-Expose-Headers", "WWW-Authenticate, Retry-After, DPoP-Nonce"), headers);
    }

    @Test
    void aPreflightOfAGuardedPathAllowsThePlainMethodAskedForAndNoOther() {
        assertEquals("PATCH", preflight(null, "PATCH", null).get("Access-Control-Allow-Methods"));
        assertFalse(preflight(null, "TRACE", null).containsKey("Access-Control-Allow-Methods"));
        assertFalse(preflight(null, "get", null).containsKey("Access-Control-Allow-Methods"), "methods are exact");
        assertEquals("POST, OPTIONS", preflight("POST, OPTIONS", "DELETE", null).get("Access-Control-Allow-Methods"),
                "a path that knows its methods names them, whatever was asked");
        assertEquals("600", preflight(null, "GET", null).get("Access-Control-Max-Age"));
    }

    @Test
    void requestHeadersAskedForAreAllowedOnlyWhenTheyAreHeaderNames() {
        String always = "Authorization, Content-Type, X-Requested-With";
        assertEquals(always + ", x-trace-id, if-match",
                preflight(null, "GET", " x-trace-id, if-match ").get("Access-Control-Allow-Headers"));
        assertEquals(always, preflight(null, "GET", null).get("Access-Control-Allow-Headers"));
        assertEquals(always, preflight(null, "GET", "x-a\r\nSet-Cookie: a=b").get("Access-Control-Allow-Headers"),
                "no line break, no colon: nothing of it is echoed");
        assertEquals(always, preflight(null, "GET", "x-a;b").get("Access-Control-Allow-Headers"));
        assertEquals(always, preflight(null, "GET", "x,".repeat(600)).get("Access-Control-Allow-Headers"),
                "not too long");
    }

    private static Map<String, String> preflight(String methods, String method, String requestHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        CrossOrigin.allowPreflight(ORIGIN, methods, method, requestHeaders, headers::put);
        assertEquals(ORIGIN, headers.get("Access-Control-Allow-Origin"));
        return headers;
    }
}
