package dev.tokencookie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.it.deployed.TestUsers;
import dev.tokencookie.it.support.Api;
import dev.tokencookie.it.support.Api.Reply;
import dev.tokencookie.it.support.Api.SetCookie;
import dev.tokencookie.it.support.AuthAsserts;
import dev.tokencookie.it.support.Deployments;
import dev.tokencookie.it.support.ServerTest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What the cookie endpoints refuse, over HTTP: forged cross-site requests (CSRF), origins outside the allow-list,
 * password guessing, oversized bodies.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoginDefencesIT extends ServerTest {

    private static final String ALLOWED = "https://app.example.test";
    private static final String EVIL = "https://evil.example";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(Map.of(
                "auth.allowed-origins", ALLOWED,
                "auth.login.max-failures", "3",
                "auth.login.failure-window", "PT4S"));
    }

    private String ownOrigin() {
        return "http://localhost:" + deployed.getPort();
    }

    @Test
    @Order(1)
    void aRequestWithoutTheHeaderIsRefusedAndConsumesNothing() {
        Api api = api();
        SetCookie cookie = api.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD).refreshCookie();
        String sentCookie = "refresh_token=" + cookie.value();

        for (String endpoint : new String[] {"api/auth/refresh", "api/auth/logout"}) {
            Reply forged = api.rawPost(endpoint, null, null, "Cookie", sentCookie);
            assertEquals(403, forged.status(), endpoint);
            assertEquals("access_denied", forged.json().getString("error"));
            assertTrue(forged.headers("Set-Cookie").isEmpty(), "a refused request does not touch the cookie");
            AuthAsserts.assertNoStore(forged);
        }
        Reply formLogin = api.rawPost("api/auth/login", "application/json",
                "{\"username\":\"ada\",\"password\":\"ada-password-1\"}");
        assertEquals(403, formLogin.status());

        assertEquals(200, api.withCookie("api/auth/refresh", cookie.value()).status(), "the token still works");
    }

    @Test
    @Order(2)
    void originsOutsideTheAllowListAndCrossSiteFetchesAreRefused() {
        Api api = api();
        SetCookie cookie = api.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD).refreshCookie();
        String sentCookie = "refresh_token=" + cookie.value();

        Reply evil = api.post("api/auth/refresh", null, null, "Cookie", sentCookie, "Origin", EVIL);
        assertEquals(403, evil.status());
        assertFalse(evil.header("Access-Control-Allow-Origin").isPresent(), "no CORS headers for other origins");
        Reply crossSite = api.post("api/auth/refresh", null, null, "Cookie", sentCookie, "Sec-Fetch-Site",
                "cross-site");
        assertEquals(403, crossSite.status());
        assertEquals(403, api.post("api/auth/refresh", null, null, "Cookie", sentCookie, "Origin", "null").status(),
                "an opaque origin (sandboxed frame, data: URL)");
        assertEquals(403, api.post("api/auth/refresh", null, null, "Cookie", sentCookie,
                "Origin", "https://sub.app.example.test").status(), "a sibling subdomain is not the allowed origin");
        assertEquals(403, api.post("api/auth/refresh", null, null, "Cookie", sentCookie,
                "Origin", "http://app.example.test").status(), "nor is the allowed host over plain http");
        assertEquals(403, api.rawPost("api/auth/refresh", null, null, "Cookie", sentCookie,
                "X-Requested-With", " ").status(), "a blank header");
        assertEquals(403, api.post("api/auth/logout", null, null, "Cookie", sentCookie, "Origin", EVIL).status());
        assertEquals(403, api.post("api/auth/login", "application/json",
                "{\"username\":\"ada\",\"password\":\"ada-password-1\"}", "Origin", EVIL).status());

        Reply own = api.post("api/auth/refresh", null, null, "Cookie", sentCookie, "Origin", ownOrigin(),
                "Sec-Fetch-Site", "same-origin");
        assertEquals(200, own.status(), own.body());
        assertFalse(own.header("Access-Control-Allow-Origin").isPresent(), "the page's own origin needs no CORS");

        Reply allowed = api.post("api/auth/refresh", null, null,
                "Cookie", "refresh_token=" + own.refreshCookie().value(), "Origin", ALLOWED, "Sec-Fetch-Site",
                "same-site");
        assertEquals(200, allowed.status(), allowed.body());
        assertEquals(ALLOWED, allowed.header("Access-Control-Allow-Origin").orElseThrow());
        assertEquals("true", allowed.header("Access-Control-Allow-Credentials").orElseThrow());
    }

    @Test
    @Order(3)
    void onlyAllowedOriginsGetAPreflightAnswer() {
        Api api = api();
        Reply allowed = api.options("api/auth/refresh", "Origin", ALLOWED, "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "x-requested-with");
        assertEquals(2, allowed.status() / 100, "a preflight is answered, not refused: " + allowed.status());
        assertEquals(ALLOWED, allowed.header("Access-Control-Allow-Origin").orElseThrow());
        assertTrue(allowed.header("Access-Control-Allow-Headers").orElseThrow().contains("X-Requested-With"));
        assertEquals("POST, OPTIONS", allowed.header("Access-Control-Allow-Methods").orElseThrow(),
                "the methods of that path only");

        // Behind the bearer filter, a preflight carries no token; the module's own OPTIONS answers it all the same.
        for (String path : List.of("api/auth/sessions", "api/auth/sessions/some-id", "api/auth/jwks")) {
            Reply protectedPath = api.options(path, "Origin", ALLOWED, "Access-Control-Request-Method", "DELETE",
                    "Access-Control-Request-Headers", "authorization");
            assertEquals(204, protectedPath.status(), path);
            assertEquals(ALLOWED, protectedPath.header("Access-Control-Allow-Origin").orElse(null), path);
            assertEquals("true", protectedPath.header("Access-Control-Allow-Credentials").orElse(null), path);
            assertTrue(protectedPath.header("Access-Control-Allow-Headers").orElseThrow().contains("Authorization"),
                    path);
        }
        assertEquals("POST, OPTIONS", api.options("api/auth/logout", "Origin", ALLOWED,
                "Access-Control-Request-Method", "POST").header("Access-Control-Allow-Methods").orElseThrow());
        // A path the bearer filter guards: the filter answers, allowing the method asked for and no other.
        assertEquals("DELETE", api.options("api/auth/sessions", "Origin", ALLOWED,
                "Access-Control-Request-Method", "DELETE").header("Access-Control-Allow-Methods").orElseThrow());

        Reply evil = api.options("api/auth/refresh", "Origin", EVIL, "Access-Control-Request-Method", "POST");
        assertEquals(204, evil.status(), "the same answer, which the browser will not let the page use");
        assertFalse(evil.header("Access-Control-Allow-Origin").isPresent());
        assertFalse(evil.header("Access-Control-Allow-Methods").isPresent());
        assertTrue(evil.headers("Vary").stream().anyMatch(vary -> vary.contains("Origin")),
                evil.headers("Vary").toString());
    }

    /** Issue 18: a single-page app on an allowed origin calls the resources the filter guards, and reads refusals. */
    @Test
    @Order(4)
    void theGuardedApiAnswersAnAllowedOriginAndNoOther() {
        Api api = api();
        Reply preflight = api.options("api/me", "Origin", ALLOWED, "Access-Control-Request-Method", "PUT",
                "Access-Control-Request-Headers", "authorization,x-trace-id");
        assertEquals(204, preflight.status(), preflight.body());
        assertEquals(List.of(ALLOWED), preflight.headers("Access-Control-Allow-Origin"));
        assertEquals("true", preflight.header("Access-Control-Allow-Credentials").orElseThrow());
        assertEquals("PUT", preflight.header("Access-Control-Allow-Methods").orElseThrow());
        assertTrue(preflight.header("Access-Control-Allow-Headers").orElseThrow().contains("x-trace-id"));
        assertFalse(api.options("api/me", "Origin", ALLOWED, "Access-Control-Request-Method", "TRACE")
                .header("Access-Control-Allow-Methods").isPresent(), "only plain methods");

        Reply noToken = api.get("api/me", "Origin", ALLOWED);
        assertEquals(401, noToken.status());
        assertEquals(List.of(ALLOWED), noToken.headers("Access-Control-Allow-Origin"));
        assertEquals("WWW-Authenticate, Retry-After, DPoP-Nonce",
                noToken.header("Access-Control-Expose-Headers").orElseThrow());
        assertTrue(noToken.header("WWW-Authenticate").orElseThrow().startsWith("Bearer"));
        assertEquals(401, api.get("api/me", "Origin", ALLOWED, "Authorization", "Bearer not.a.token").status());
        assertEquals(List.of(ALLOWED), api.get("api/me", "Origin", ALLOWED, "Authorization", "Bearer not.a.token")
                .headers("Access-Control-Allow-Origin"), "a refused token's answer is readable too");

        String token = api.login(TestUsers.USER, TestUsers.USER_PASSWORD).json().getString("access_token");
        for (String path : List.of("api/me", "api/auth/sessions")) {
            Reply answered = api.get(path, "Origin", ALLOWED, "Authorization", "Bearer " + token);
            assertEquals(200, answered.status(), path);
            assertEquals(List.of(ALLOWED), answered.headers("Access-Control-Allow-Origin"), "once: " + path);
            assertEquals(List.of("true"), answered.headers("Access-Control-Allow-Credentials"), path);
        }
        Reply forbidden = api.get("api/test-support/whoami/admin", "Origin", ALLOWED, "Authorization",
                "Bearer " + token);
        assertEquals(403, forbidden.status());
        assertEquals(List.of(ALLOWED), forbidden.headers("Access-Control-Allow-Origin"));

        String notListed = "https://not-listed.example.test";
        int logBefore = api.get("test-support/log").body().length();
        for (int i = 0; i < 3; i++) {
            Reply refused = api.get("api/me", "Origin", notListed, "Authorization", "Bearer " + token);
            assertEquals(200, refused.status(), "answered, but the browser keeps it from the page");
            assertFalse(refused.header("Access-Control-Allow-Origin").isPresent());
            assertTrue(refused.headers("Vary").stream().anyMatch(vary -> vary.contains("Origin")));
            Reply refusedPreflight = api.options("api/me", "Origin", notListed, "Access-Control-Request-Method",
                    "GET");
            assertFalse(refusedPreflight.header("Access-Control-Allow-Origin").isPresent());
            assertFalse(refusedPreflight.header("Access-Control-Allow-Methods").isPresent());
        }
        String logged = api.get("test-support/log").body().substring(logBefore);
        assertEquals(1, logged.split("A page of " + notListed + " was refused CORS", -1).length - 1,
                "logged once, naming the setting: " + logged);
        assertTrue(logged.contains("auth.allowed-origins"), logged);
    }

    @Test
    @Order(5)
    void aLoginBodyOver4KbIsRefusedBeforeParsing() {
        String body = "{\"username\":\"ben\",\"password\":\"" + "x".repeat(4100) + "\"}";
        Reply reply = api().post("api/auth/login", "application/json", body);
        assertEquals(413, reply.status());
        assertEquals("invalid_request", reply.json().getString("error"));
    }

    @Test
    @Order(6)
    void repeatedFailuresLockTheUsernameEvenForTheRightPassword() throws Exception {
        Api api = api();
        for (int i = 0; i < 3; i++) {
            assertEquals(401, api.login(TestUsers.OTHER_USER, "guess-" + i).status());
        }

        Reply locked = api.login(TestUsers.OTHER_USER, TestUsers.OTHER_USER_PASSWORD);
        assertEquals(429, locked.status(), "the right password during the lock is refused too");
        assertEquals("too_many_requests", locked.json().getString("error"));
        long retryAfter = Long.parseLong(locked.header("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 4, "Retry-After " + retryAfter);
        assertEquals(200, api.login(TestUsers.USER, TestUsers.USER_PASSWORD).status(), "other users are not locked");

        Thread.sleep(retryAfter * 1000 + 200);
        assertEquals(200, api.login(TestUsers.OTHER_USER, TestUsers.OTHER_USER_PASSWORD).status(),
                "the lock ends with the window");
    }

    @Test
    @Order(7)
    void aSuccessResetsTheCount() {
        Api api = api();
        api.login(TestUsers.USER, "guess-1");
        api.login(TestUsers.USER, "guess-2");
        assertEquals(200, api.login(TestUsers.USER, TestUsers.USER_PASSWORD).status());
        api.login(TestUsers.USER, "guess-3");
        api.login(TestUsers.USER, "guess-4");

        assertEquals(200, api.login(TestUsers.USER, TestUsers.USER_PASSWORD).status());
    }

    @Test
    @Order(8)
    void manyFailuresFromOneAddressLockIt() throws Exception {
        Api api = api();
        for (int i = 0; i < 30; i++) {
            api.login("sprayed-user-" + i, "password-" + i);
        }

        Reply locked = api.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        assertEquals(429, locked.status(), "thirty failures from one address lock it for every username");
        Thread.sleep(Long.parseLong(locked.header("Retry-After").orElseThrow()) * 1000 + 200);
        assertEquals(200, api.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD).status());
    }

    /**
     * The throttle reads and counts a username's attempts with its row locked, on every JPA provider: guesses that
     * arrive together cannot all read the count before any of them has raised it.
     */
    @Test
    @Order(9)
    void guessesSentAtOnceGetNoMoreThanTheLimitToThePasswordCheck() {
        List<String> guesses = IntStream.range(0, 20).mapToObj(i -> "parallel-guess-" + i).toList();

        Map<Integer, Long> statuses = api().loginAtOnce("parallel-guessed-user", guesses).stream()
                .collect(Collectors.groupingBy(Reply::status, Collectors.counting()));

        assertEquals(Map.of(401, 3L, 429, 17L), statuses, "three guesses reach the password check, the rest wait");
    }
}
