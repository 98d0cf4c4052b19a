package dev.tokencookie.accesstoken.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which raw request URIs the bearer filter refuses before deciding anything on their path; ApiSurfaceIT sends them
 * to every server.
 */
class CanonicalPathTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api/me", "/ctx/api/files/a/b/c.txt", "/api/auth/jwks", "/", "/api/", "/api/files/100%25",
            "/api/files/caf%C3%A9", "/api/files/a%20b", "/api/files/a.b/c..d/...", "/api/files/%41"})
    void canonicalPathsPass(String uri) {
        assertTrue(CanonicalPath.isCanonical(uri), uri);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/api/files/a/../../auth/jwks", "/api/files/a/b/../../../auth/login", "/api/files/./auth/jwks",
            "/api/files/a/..", "/api/files/a/.",
            "/api/files/a;/../../auth/jwks", "/api/me;/../auth/jwks", "/api/auth/jwks;", "/api/auth/jwks;jsessionid=1",
            "/api/files/a/%2e%2e/%2e%2e/auth/jwks", "/api/files/a/%2E%2E/%2E%2E/auth/jwks", "/api/files/a/.%2e/auth",
            "/api/files/a%2f..%2f..%2fauth%2fjwks", "/api/files/a%2F..", "/api/files/a%5c..", "/api/files/a%5C..",
            "/api/files/a%3b/x", "/api/files/a/%252e%252e/auth/jwks", "/api/files/a/%252E%252E/auth",
            "/api/files/a%252f",
            "/api/files/a\\..\\..\\auth\\jwks", "/api/files//auth/jwks", "//api/auth/jwks", "/api/files/%00",
            "/api/files/%c0%ae%c0%ae/auth", "/api/files/%C1%9C", "api/relative", ""})
    void ambiguousPathsAreRefused(String uri) {
        assertFalse(CanonicalPath.isCanonical(uri), uri);
    }
}
