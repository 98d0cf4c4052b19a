package dev.tokencookie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.it.deployed.TestUsers;
import dev.tokencookie.it.support.Api;
import dev.tokencookie.it.support.Api.Reply;
import dev.tokencookie.it.support.Api.SetCookie;
import dev.tokencookie.it.support.AuthAsserts;
import dev.tokencookie.it.support.Deployments;
import dev.tokencookie.it.support.ServerTest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The time rules with settings short enough to watch: reuse after the leeway, idle and absolute expiry, the purge.
 * (The seals' sweep is watched in {@link OperationsIT}: its grace outlasts this deployment's idle time.)
 */
class ShortLifetimesIT extends ServerTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(Map.of(
                // Token times are whole seconds, so a 3 s token may live only 2 s: still time for the request after
                // login.
                "auth.access-token.ttl", "PT3S",
                "auth.clock-skew", "PT0S",
                "auth.refresh-token.ttl", "PT8S",
                "auth.refresh-token.idle-ttl", "PT5S",
                "auth.refresh-token.reuse-leeway", "PT1S",
                "auth.refresh-token.purge-interval", "PT1S",
                // This deployment also runs every flow above on Ed25519 keys instead of RSA.
                "auth.signing.algorithm", "EdDSA"));
    }

    @Test
    void reuseAfterTheLeewayRevokesTheSessionAndRaisesTheAlarm() throws Exception {
        Api api = api();
        Reply login = api.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        SetCookie first = login.refreshCookie();
        SetCookie second = api.withCookie("api/auth/refresh", first.value()).refreshCookie();
        Thread.sleep(2500);

        Reply stolen = api.withCookie("api/auth/refresh", first.value());
        assertEquals(401, stolen.status());
        assertEquals("invalid_grant", stolen.json().getString("error"));
        AuthAsserts.assertCleared(stolen.refreshCookie(), deployed);

        Reply newest = api.withCookie("api/auth/refresh", second.value());
        assertEquals(401, newest.status(), "the newest token of the session stops working too");
        JsonObject alarm = alarmFor(api, login);
        assertEquals(TestUsers.ADMIN, alarm.getString("username"));
        assertEquals("127.0.0.1", alarm.getString("clientAddress"));
    }

    /** Found by review: a logout with a used token revoked the session without the alarm that a refresh raises. */
    @Test
    void aLogoutWithATokenUsedBeforeTheLeewayRaisesTheAlarmAsARefreshDoes() throws Exception {
        Api api = api();
        Reply login = api.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        SetCookie second = api.withCookie("api/auth/refresh", login.refreshCookie().value()).refreshCookie();
        Thread.sleep(2500);

        Reply logout = api.withCookie("api/auth/logout", login.refreshCookie().value());
        assertEquals(204, logout.status(), "logout always succeeds");
        AuthAsserts.assertCleared(logout.refreshCookie(), deployed);
        assertEquals(401, api.withCookie("api/auth/refresh", second.value()).status(), "the session has ended");
        assertEquals(TestUsers.ADMIN, alarmFor(api, login).getString("username"));
    }

    /** The reuse event of the login's session (its access token's sid). */
    private static JsonObject alarmFor(Api api, Reply login) {
        String session = KeyRotationIT.claims(login.json().getString("access_token")).getString("sid");
        return api.get("test-support/reuse-events").jsonArray().getValuesAs(JsonObject.class).stream()
                .filter(event -> event.getString("sessionId").equals(session)).findFirst()
                .orElseThrow(() -> new AssertionError("no reuse event for session " + session));
    }

    @Test
    void anIdleLoginDiesAndIsPurged() throws Exception {
        Api api = api();
        Reply login = api.login(TestUsers.USER, TestUsers.USER_PASSWORD);
        assertEquals("5", login.refreshCookie().attribute("Max-Age"), "the cookie lives as long as the idle time");
        Thread.sleep(6000);

        assertEquals(401, api.withCookie("api/auth/refresh", login.refreshCookie().value()).status());

        long deadline = System.currentTimeMillis() + 10_000;
        while (!AuthAsserts.rows(api, TestUsers.USER).getJsonArray("sessions").isEmpty()) {
            assertTrue(System.currentTimeMillis() < deadline, "the purge deletes the dead session's rows");
            Thread.sleep(250);
        }
        assertTrue(AuthAsserts.rows(api, TestUsers.USER).getJsonArray("tokens").isEmpty());
    }

    @Test
    void rotationNeverExtendsALoginPastItsAbsoluteLifetime() throws Exception {
        Api api = api();
        long start = System.currentTimeMillis();
        SetCookie cookie = api.login("ada", TestUsers.ADMIN_PASSWORD).refreshCookie();
        // The server took the login between start and loggedIn: the remaining life is reckoned from the first (the
        // assertion allows a second more), the wait past the login's end from the second.
        long loggedIn = System.currentTimeMillis();
        // Refreshed at 2 s the cookie lives the idle time (5 s, which ends before the login's 8); at 5 s only the 3 s
        // left of the login.
        for (long pause : new long[] {2000, 3000}) {
            Thread.sleep(pause);
            Reply refresh = api.withCookie("api/auth/refresh", cookie.value());
            assertEquals(200, refresh.status(), "a refresh within the idle time");
            cookie = refresh.refreshCookie();
            long remaining = 8 - (System.currentTimeMillis() - start) / 1000;
            long maxAge = Long.parseLong(cookie.attribute("Max-Age"));
            assertTrue(maxAge <= Math.min(5, remaining + 1) && maxAge >= Math.min(5, remaining) - 1,
                    "Max-Age " + maxAge + " is the remaining life, " + Math.min(5, remaining) + " s");
        }
        Thread.sleep(Math.max(0, loggedIn + 9_000 - System.currentTimeMillis()));

        assertEquals(401, api.withCookie("api/auth/refresh", cookie.value()).status(), "past the absolute end");
    }

    @Test
    void tokensAreSignedWithTheConfiguredAlgorithmAndItsKeyIsPublished() {
        Api api = api();
        String token = api.login(TestUsers.USER, TestUsers.USER_PASSWORD).json().getString("access_token");
        JsonObject header = Json.createReader(new StringReader(new String(
                Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8))).readObject();
        assertEquals("EdDSA", header.getString("alg"));

        JsonObject key = api.get("api/auth/jwks").json().getJsonArray("keys").getJsonObject(0);
        assertEquals("OKP", key.getString("kty"));
        assertEquals("Ed25519", key.getString("crv"));
        assertEquals(header.getString("kid"), key.getString("kid"));
        assertEquals(200, api.get("api/me", "Authorization", "Bearer " + token).status());
    }

    @Test
    void anExpiredAccessTokenIsRefused() throws Exception {
        Api api = api();
        String token = api.login(TestUsers.USER, TestUsers.USER_PASSWORD).json().getString("access_token");
        assertEquals(200, api.get("api/me", "Authorization", "Bearer " + token).status());
        Thread.sleep(4100);

        Reply expired = api.get("api/me", "Authorization", "Bearer " + token);
        assertEquals(401, expired.status());
        assertTrue(expired.header("WWW-Authenticate").orElseThrow().contains("error=\"invalid_token\""));
    }
}
