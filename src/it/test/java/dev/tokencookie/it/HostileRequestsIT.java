package dev.tokencookie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.it.deployed.TeamFilesResource;
import dev.tokencookie.it.deployed.TestUsers;
import dev.tokencookie.it.support.Api;
import dev.tokencookie.it.support.Api.Reply;
import dev.tokencookie.it.support.Api.SetCookie;
import dev.tokencookie.it.support.AuthAsserts;
import dev.tokencookie.it.support.Deployments;
import dev.tokencookie.it.support.RawHttp;
import dev.tokencookie.it.support.ServerTest;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Every request of the second security review, sent as an attacker would, over a raw socket where the exact bytes
 * matter, so that each finding stays fixed on every server: paths that read as excluded ones, hostile login bodies,
 * duplicate refresh cookies, WADL, security headers.
 */
class HostileRequestsIT extends ServerTest {

    /** Paths, relative to the context root, that the container may read as an excluded one, each sent as written. */
    static final List<String> EXCLUDED_LOOKALIKES = List.of(
            // the review's four, with a team resource whose template matches many segments
            "api/files/a/../../auth/jwks",
            "api/files/a/b/../../../auth/login",
            "api/files/a;/../../auth/jwks",
            "api/files/a/%2e%2e/%2e%2e/auth/jwks",
            // the same in other spellings
            "api/files/a/%2E%2E/%2E%2E/auth/jwks",
            "api/files/a/.%2e/%2E./auth/jwks",
            "api/files/a/%252e%252e/%252e%252e/auth/jwks",
            "api/files/a/%252E%252E/%252E%252E/auth/jwks",
            "api/files/a%2f..%2f..%2fauth%2fjwks",
            "api/files/a%2F..%2F..%2Fauth%2Fjwks",
            "api/files/a\\..\\..\\auth\\jwks",
            "api/files/a%5c..%5c..%5cauth%5cjwks",
            "api/files/a%5C..%5C..%5Cauth%5Cjwks",
            "api/files/a/../../auth/jwks;",
            "api/files/a/../../auth/jwks;jsessionid=x",
            "api/files/a/..;/..;/auth/jwks",
            "api/files/./../auth/refresh",
            "api/files/a/../../auth/logout",
            "api/files/a/%c0%ae%c0%ae/%c0%ae%c0%ae/auth/jwks",
            "api/files//../auth/jwks",
            // a template of three segments, which the raw path matches with a = ".."
            "api/tree/../auth/jwks",
            "api/tree/%2e%2e/auth/jwks",
            "api/tree/%2E%2E/auth/jwks",
            "api/tree/.%2E/auth/jwks",
            "api/tree/%252e%252e/auth/jwks",
            "api/tree/..;/auth/jwks",
            "api/tree/..%5c/auth/jwks",
            "api/tree/..\\/auth/jwks",
            "api/tree/../auth/login",
            // the shipped resources
            "api/me;/../auth/jwks",
            "api/me/../auth/jwks",
            "api/auth/sessions;/../jwks",
            "api/auth/sessions/../jwks;");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    private String target(String relative) {
        return deployed.getPath() + relative;
    }

    private RawHttp.Response raw(String method, String relative, String body, String... headers) {
        return RawHttp.send(deployed.getPort(), method, target(relative), body, headers);
    }

    /** Review finding 1: the filter decided on the normalised path, JAX-RS matched the path as sent. */
    @Test
    void noSpellingOfAnExcludedPathReachesAResourceWithoutAToken() {
        List<String> notRefused = new ArrayList<>();
        for (String path : EXCLUDED_LOOKALIKES) {
            RawHttp.Response response = raw("GET", path, null);
            // Refused for its form, before the exclusion or JAX-RS could read it: a 401 or 404 would mean one of them
            // was asked, and the other layer alone stood in the way.
            if (response.status() != 400 || response.body().contains(TeamFilesResource.REACHED)) {
                notRefused.add(path + " -> " + response);
            }
        }
        assertEquals(List.of(), notRefused, "not refused as a non-canonical path");
    }

    @Test
    void theTeamResourcesAnswerTheirOwnPathsWithATokenOnly() {
        String token = api().login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD).json().getString("access_token");
        for (String path : List.of("api/files/a/b/c.txt", "api/tree/x/y/z")) {
            assertEquals(401, raw("GET", path, null).status(), path);
            RawHttp.Response answered = raw("GET", path, null, "Authorization", "Bearer " + token);
            assertEquals(200, answered.status(), path + ": " + answered);
            assertTrue(answered.body().contains(TeamFilesResource.REACHED + " ") && answered.body()
                    .endsWith(" as " + TestUsers.ADMIN), answered.body());
        }
        RawHttp.Response dotted = raw("GET", "api/files/a/../b", null, "Authorization", "Bearer " + token);
        assertEquals(400, dotted.status(), "refused before any decision, token or not: " + dotted);
        assertEquals("no-store", dotted.header("Cache-Control").orElseThrow());
        assertTrue(dotted.body().contains("\"invalid_request\""), dotted.body());
        assertEquals(200, raw("GET", "api/auth/jwks", null).status(), "the excluded paths themselves stay open");
    }

    /** A preflight goes on without a token for the runtime to answer; it must not run a resource's own OPTIONS. */
    @Test
    void aPreflightWithoutATokenRunsNoResourceCode() {
        RawHttp.Response toTeam = raw("OPTIONS", "api/files/report.pdf", null, "Origin", "https://app.example.test",
                "Access-Control-Request-Method", "GET");
        assertEquals(401, toTeam.status(), toTeam.toString());
        assertFalse(toTeam.body().contains(TeamFilesResource.REACHED));
        RawHttp.Response toMe = raw("OPTIONS", "api/me", null, "Origin", "https://app.example.test",
                "Access-Control-Request-Method", "GET");
        assertEquals(2, toMe.status() / 100, "the runtime answers a preflight itself: " + toMe);
        String token = api().login(TestUsers.USER, TestUsers.USER_PASSWORD).json().getString("access_token");
        RawHttp.Response withToken = raw("OPTIONS", "api/files/report.pdf", null, "Authorization", "Bearer " + token);
        assertTrue(withToken.body().contains(TeamFilesResource.REACHED + " OPTIONS"), withToken.toString());
    }

    /**

     * Review finding 5: the throttle counted alice, alıce and alİce apart, though a case-insensitive store does not.

     */
    @Test
    void spellingsOfOneUsernameShareOneCountOfFailures() {
        Api api = api();
        for (String spelling : List.of("alice", "alıce", "alİce", "ALİCE", "\uff41\uff4c\uff49\uff43\uff45")) {
            assertEquals(401, api.login(spelling, "guess").status(), spelling);
        }
        Reply locked = api.login("AlIcE", "guess");
        assertEquals(429, locked.status(), "five failures of one user in five spellings: " + locked.body());
        assertEquals("too_many_requests", locked.json().getString("error"));
    }

    /** Review finding 2: these bodies answered 500 with about 75 KB of stack trace each, before the throttle. */
    @Test
    void hostileLoginBodiesAreBadRequestsAndLeaveNoTraceInTheLog() {
        Api api = api();
        int logBefore = api.get("test-support/log").body().length();
        String nested = "[".repeat(2000) + "]".repeat(2000);
        for (String body : List.of(nested, "{\"username\":\"ada\",\"password\":\"x\",\"a\":" + nested + "}",
                "{\"username\":\"ada\",\"password\":\"x\",\"n\":1e9999999999}", "{\"username\":1e9999999999}",
                "{\"username\":\"ada\",\"password\":-1E-9999999999}",
                "{\"username\":\"ada\",\"username\":\"ben\",\"password\":\"x\"}")) {
            Reply reply = api.post("api/auth/login", "application/json", body);
            assertEquals(400, reply.status(), body.substring(0, Math.min(60, body.length())) + ": " + reply.body());
            assertEquals("invalid_request", reply.json().getString("error"));
        }
        String logged = api.get("test-support/log").body().substring(logBefore);
        assertFalse(logged.contains("SEVERE") || logged.contains("\tat "), "no stack trace, no SEVERE: " + logged);
    }

    /** Review finding 4: with two refresh cookies the last one won. */
    @Test
    void aRequestWithTheRefreshCookieTwiceIsRefusedAndChangesNothing() {
        Api api = api();
        SetCookie alice = api.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD).refreshCookie();
        SetCookie bob = api.login(TestUsers.USER, TestUsers.USER_PASSWORD).refreshCookie();
        for (String endpoint : List.of("api/auth/refresh", "api/auth/logout")) {
            for (String cookies : List.of("refresh_token=" + alice.value() + "; refresh_token=" + bob.value(),
                    "refresh_token=" + alice.value() + "; refresh_token=garbage",
                    "refresh_token=" + alice.value() + "; other=1; refresh_token=" + alice.value())) {
                Reply refused = api.post(endpoint, null, null, "Cookie", cookies);
                assertEquals(400, refused.status(), endpoint + " " + refused.body());
                assertEquals("invalid_request", refused.json().getString("error"));
                assertTrue(refused.headers("Set-Cookie").isEmpty(), "no cookie cleared or set: " + refused
                        .headers("Set-Cookie"));
                AuthAsserts.assertNoStore(refused);
            }
            RawHttp.Response twoHeaders = raw("POST", endpoint, "", "X-Requested-With", "fetch",
                    "Cookie", "refresh_token=" + bob.value(), "Cookie", "refresh_token=" + alice.value());
            assertEquals(400, twoHeaders.status(), "in two Cookie headers too: " + twoHeaders);
        }
        Reply aliceRefresh = api.withCookie("api/auth/refresh", alice.value());
        assertEquals(200, aliceRefresh.status(), "nothing was consumed or revoked");
        assertEquals(TestUsers.ADMIN, KeyRotationIT.claims(aliceRefresh.json().getString("access_token"))
                .getString("sub"));
        assertEquals(200, api.withCookie("api/auth/refresh", bob.value()).status());
        String logged = api.get("test-support/log").body();
        assertTrue(logged.contains("carried the refresh cookie 2 times"), "the event is logged");
        assertFalse(logged.contains(alice.value()) || logged.contains(bob.value()), "without values");
    }

    /** Also found: an unauthenticated CORS preflight to a protected path was answered with Jersey's WADL. */
    @Test
    void noWadlDescribesTheApi() {
        Api api = api();
        Reply preflight = api.options("api/me", "Origin", "https://evil.example", "Access-Control-Request-Method",
                "GET");
        assertFalse(preflight.body().contains("wadl") || preflight.body().contains("<application"), preflight.body());
        assertFalse(preflight.header("Content-Type").orElse("").contains("wadl"));
        String token = api.login(TestUsers.USER, TestUsers.USER_PASSWORD).json().getString("access_token");
        Reply wadl = api.get("api/application.wadl", "Authorization", "Bearer " + token);
        assertEquals(404, wadl.status(), wadl.body());
    }

    /** Also found: security headers came only from a meta tag of the demo page. */
    @Test
    void thePageAndTheApiCarrySecurityHeaders() {
        Api api = api();
        for (String path : List.of("", "index.html", "token-client.js", "api/me", "api/auth/jwks", "api/auth/login",
                "api/files/a/../b")) {
            RawHttp.Response response = raw("GET", path, null);
            assertEquals("nosniff", response.header("X-Content-Type-Options").orElse(null), path);
            assertEquals("no-referrer", response.header("Referrer-Policy").orElse(null), path);
            String policy = response.header("Content-Security-Policy").orElse("");
            if (path.startsWith("api/")) {
                assertTrue(policy.startsWith("default-src 'none'") && policy.contains("frame-ancestors 'none'"),
                        path + ": " + policy);
            } else {
                assertTrue(policy.contains("script-src 'self'") && policy.contains("frame-ancestors 'none'")
                        && !policy.contains("unsafe-inline"), path + ": " + policy);
            }
            assertFalse(response.header("Strict-Transport-Security").isPresent(), "not over plain HTTP: " + path);
        }
        assertEquals(1, api.get("api/me").headers("Content-Security-Policy").size(), "one policy, not two");
    }
}
