package dev.tokencookie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.it.deployed.TestUsers;
import dev.tokencookie.it.support.Api;
import dev.tokencookie.it.support.Api.Reply;
import dev.tokencookie.it.support.Api.SetCookie;
import dev.tokencookie.it.support.AuthAsserts;
import dev.tokencookie.it.support.Deployments;
import dev.tokencookie.it.support.ServerTest;
import dev.tokencookie.shared.control.Sha256;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Login, refresh, logout and their refusals, rotation under concurrency, and the sessions API, over HTTP against the
 * WAR on the server: one class, as the three need the same deployment, so Payara Micro starts once for them instead
 * of three times. The tests share the deployment's users, so each looks only at the rows of its own login.
 */
class AuthFlowIT extends ServerTest {

    private static final long ONE_DAY = 24 * 3600;
    private static final String LAPTOP = "Mozilla/5.0 (X11; Linux x86_64) Laptop";
    private static final String PHONE = "Mozilla/5.0 (Android 15) Phone";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Test
    void loginThenMeThenRefreshThenLogout() throws Exception {
        Api api = api();

        Reply login = api.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        assertEquals(200, login.status(), login.body());
        AuthAsserts.assertNoStore(login);
        JsonObject tokens = login.json();
        assertEquals("Bearer", tokens.getString("token_type"));
        assertEquals(300, tokens.getInt("expires_in"));
        SetCookie first = login.refreshCookie();
        assertRefreshCookie(first);
        assertEquals(43, first.value().length());
        long maxAge = Long.parseLong(first.attribute("Max-Age"));
        assertTrue(maxAge > ONE_DAY - 60 && maxAge <= ONE_DAY, "Max-Age is the remaining (idle) life: " + maxAge);
        assertFalse(login.body().contains(first.value()), "the refresh token never travels in the body");

        JsonObject rows = AuthAsserts.loginRows(api, TestUsers.ADMIN, first.value());
        assertFalse(rows.getJsonObject("session").getBoolean("revoked"));
        assertEquals(1, rows.getJsonArray("tokens").size());
        assertEquals(Sha256.base64url(first.value()), rows.getJsonArray("tokens").getJsonObject(0).getString("hash"),
                "only the hash is stored");
        assertEquals("ACTIVE", rows.getJsonArray("tokens").getJsonObject(0).getString("state"));

        Reply me = api.get("api/me", "Authorization", "Bearer " + tokens.getString("access_token"));
        assertEquals(200, me.status(), me.body());
        assertEquals(TestUsers.ADMIN, me.json().getString("name"));
        assertEquals(List.of("admin", "user"), me.json().getJsonArray("groups").getValuesAs(
                JsonString::getString));

        Reply refresh = api.withCookie("api/auth/refresh", first.value());
        assertEquals(200, refresh.status(), refresh.body());
        AuthAsserts.assertNoStore(refresh);
        SetCookie second = refresh.refreshCookie();
        assertRefreshCookie(second);
        assertNotEquals(first.value(), second.value(), "the refresh token rotates");
        assertTrue(Long.parseLong(second.attribute("Max-Age")) <= ONE_DAY, "Max-Age is the remaining life");
        String secondAccessToken = refresh.json().getString("access_token");
        assertEquals(200, api.get("api/me", "Authorization", "Bearer " + secondAccessToken).status());

        rows = AuthAsserts.loginRows(api, TestUsers.ADMIN, second.value());
        assertEquals(2, rows.getJsonArray("tokens").size(), "the successor is of the same login");
        assertEquals("CONSUMED", row(rows, first).getString("state"));
        assertEquals("ACTIVE", row(rows, second).getString("state"));

        Reply logout = api.withCookie("api/auth/logout", second.value());
        assertEquals(204, logout.status());
        assertCleared(logout.refreshCookie());
        AuthAsserts.assertNoStore(logout);
        assertTrue(AuthAsserts.loginRows(api, TestUsers.ADMIN, second.value()).getJsonObject("session")
                .getBoolean("revoked"), "logout ends the login");

        for (String accessToken : List.of(tokens.getString("access_token"), secondAccessToken)) {
            Reply ended = api.get("api/me", "Authorization", "Bearer " + accessToken);
            assertEquals(401, ended.status(), "the login's access tokens stop at once on the node that ended it");
            assertEquals("Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The session of this"
                    + " access token has ended\"", ended.header("WWW-Authenticate").orElseThrow());
        }
        for (SetCookie cookie : List.of(first, second)) {
            Reply afterLogout = api.withCookie("api/auth/refresh", cookie.value());
            assertEquals(401, afterLogout.status(), "no token of the login works after logout");
            assertEquals("invalid_grant", afterLogout.json().getString("error"));
            assertCleared(afterLogout.refreshCookie());
            AuthAsserts.assertNoStore(afterLogout);
        }
    }

    @Test
    void noTokenPasswordOrCookieValueReachesTheLog() {
        Api api = api();
        String wrongPassword = "Wrong-Pa55word-" + System.nanoTime();
        api.login(TestUsers.USER, wrongPassword);
        api.login("nobody-" + System.nanoTime(), wrongPassword);
        Reply login = api.login(TestUsers.USER, TestUsers.USER_PASSWORD);
        String accessToken = login.json().getString("access_token");
        String firstCookie = login.refreshCookie().value();
        api.get("api/me", "Authorization", "Bearer " + accessToken);
        String tampered = accessToken.substring(0, accessToken.length() - 4) + "AAAA";
        api.get("api/me", "Authorization", "Bearer " + tampered);
        api.get("api/me", "Authorization", "Bearer not.a-valid.token-" + System.nanoTime());
        String basic = Base64.getEncoder().encodeToString(
                (TestUsers.USER + ":" + wrongPassword).getBytes(StandardCharsets.UTF_8));
        api.get("api/me", "Authorization", "Basic " + basic);
        Reply refresh = api.withCookie("api/auth/refresh", firstCookie);
        String secondCookie = refresh.refreshCookie().value();
        String secondAccessToken = refresh.json().getString("access_token");
        api.withCookie("api/auth/logout", secondCookie);
        api.withCookie("api/auth/refresh", secondCookie);
        String unknownCookie = "B".repeat(43);
        api.withCookie("api/auth/refresh", unknownCookie);

        String log = api.get("test-support/log").body();
        assertTrue(log.contains("Login refused"), "the capture works: it holds the module's own lines");
        assertTrue(log.contains("INFO dev.tokencookie.audit: ") && log.contains(" event=refresh outcome=rotated "),
                "the audit trail is in the capture, so its lines are searched too");
        for (String secret : List.of(wrongPassword, TestUsers.USER_PASSWORD, accessToken, tampered,
                accessToken.split("\\.")[2], secondAccessToken.split("\\.")[2], firstCookie, secondCookie, basic,
                unknownCookie)) {
            assertFalse(log.contains(secret), "the log holds a secret: " + secret.substring(0, 6) + "...");
        }
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        Api api = api();
        Reply wrongPassword = api.login(TestUsers.USER, "not-the-password");
        Reply unknownUser = api.login("nobody", "whatever-password");

        for (Reply reply : List.of(wrongPassword, unknownUser)) {
            assertEquals(401, reply.status());
            assertEquals("invalid_grant", reply.json().getString("error"));
            assertTrue(reply.json().containsKey("error_description"));
            assertTrue(reply.headers("Set-Cookie").isEmpty(), "no cookie for a failed login");
            AuthAsserts.assertNoStore(reply);
        }
        assertEquals(wrongPassword.body(), unknownUser.body());
    }

    @Test
    void theWarHasNoUsersOfItsOwn() {
        // The demo users exist only where the run mode switches them on; this deployment knows only TestUsers.
        assertEquals(401, api().login("alice", "alice-password-1").status());
        assertEquals(401, api().login("bob", "bob-password-1").status());
    }

    @Test
    void malformedLoginsAreBadRequests() {
        Api api = api();
        for (String body : List.of("{not json", "[]", "{\"username\":\"ben\"}",
                "{\"username\":\"ben\",\"password\":7}")) {
            Reply reply = api.post("api/auth/login", "application/json", body);
            assertEquals(400, reply.status(), body);
            assertEquals("invalid_request", reply.json().getString("error"));
            AuthAsserts.assertNoStore(reply);
        }
    }

    @Test
    void nonJsonLoginIsUnsupportedMediaType() {
        Reply reply = api().post("api/auth/login", "application/x-www-form-urlencoded",
                "username=ben&password=ben-password-1");
        assertEquals(415, reply.status());
        assertEquals("invalid_request", reply.json().getString("error"));
        AuthAsserts.assertNoStore(reply);
    }

    @Test
    void refreshWithoutCookieOrWithAnUnknownOneIsRefusedAndClearsTheCookie() {
        Api api = api();
        Reply missing = api.post("api/auth/refresh", null, null);
        assertEquals(401, missing.status());
        assertEquals("invalid_grant", missing.json().getString("error"));
        assertCleared(missing.refreshCookie());
        AuthAsserts.assertNoStore(missing);

        Reply unknown = api.withCookie("api/auth/refresh", "A".repeat(43));
        assertEquals(401, unknown.status());
        assertCleared(unknown.refreshCookie());
        assertFalse(unknown.header("WWW-Authenticate").isPresent(), "the auth endpoints are not behind the filter");
    }

    @Test
    void everyAuthResponseIsNoStoreEvenAnError() {
        Reply wrongMethod = api().get("api/auth/login");
        assertEquals(405, wrongMethod.status());
        AuthAsserts.assertNoStore(wrongMethod);
        assertEquals("method_not_allowed", wrongMethod.json().getString("error"));
    }

    @Test
    void twentyParallelRefreshesWithOneCookieAllGetTheOneSuccessor() {
        Api api = api();
        SetCookie first = api.login(TestUsers.USER, TestUsers.USER_PASSWORD).refreshCookie();

        List<Reply> replies = api.refreshAtOnce(first.value(), 20);

        Map<Integer, Long> statuses = replies.stream()
                .collect(Collectors.groupingBy(Reply::status, Collectors.counting()));
        assertEquals(Map.of(200, 20L), statuses, "every one answers 200; none 401, 500 or a timeout");
        Map<String, Long> successors = replies.stream().map(r -> r.refreshCookie().value())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertEquals(1, successors.size(), "one successor for all: " + successors.keySet());
        String successor = successors.keySet().iterator().next();
        assertNotEquals(first.value(), successor);
        replies.forEach(r -> AuthAsserts.assertRefreshCookie(r.refreshCookie(), deployed));

        JsonObject rows = AuthAsserts.loginRows(api, TestUsers.USER, successor);
        assertEquals(2, rows.getJsonArray("tokens").size(), "one consumed token and one live head");
        assertFalse(rows.getJsonObject("session").getBoolean("revoked"));
        assertEquals(200, api.withCookie("api/auth/refresh", successor).status(), "the head works on");
    }

    @Test
    void aRepeatedRefreshWithinTheLeewayGetsTheSameCookie() {
        Api api = api();
        SetCookie first = api.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD).refreshCookie();

        Reply once = api.withCookie("api/auth/refresh", first.value());
        Reply twice = api.withCookie("api/auth/refresh", first.value());

        assertEquals(200, once.status());
        assertEquals(200, twice.status());
        assertEquals(once.refreshCookie().value(), twice.refreshCookie().value());
        assertNotEquals(once.json().getString("access_token"), twice.json().getString("access_token"));
    }

    @Test
    void theAccessTokenNamesItsSession() {
        Api api = api();
        Reply login = api.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        String payload = login.json().getString("access_token").split("\\.")[1];
        JsonObject claims = jakarta.json.Json.createReader(new java.io.StringReader(
                new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8))).readObject();

        String session = AuthAsserts.loginRows(api, TestUsers.ADMIN, login.refreshCookie().value())
                .getJsonObject("session").getString("id");
        assertEquals(session, claims.getString("sid"));
    }

    @Test
    void sessionsNeedAnAccessToken() {
        Reply reply = api().get("api/auth/sessions");
        assertEquals(401, reply.status());
        assertEquals("Bearer realm=\"api\"", reply.header("WWW-Authenticate").orElseThrow());
        assertEquals(401, api().delete("api/auth/sessions").status());
    }

    @Test
    void listEndOneThenEndAll() {
        Api api = api();
        endEverySession(api, TestUsers.USER, TestUsers.USER_PASSWORD);
        Reply laptop = api.login(TestUsers.USER, TestUsers.USER_PASSWORD, "User-Agent", LAPTOP);
        Reply phone = api.login(TestUsers.USER, TestUsers.USER_PASSWORD, "User-Agent", PHONE);
        Reply someoneElse = api.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        String bearer = "Bearer " + laptop.json().getString("access_token");

        Reply list = api.get("api/auth/sessions", "Authorization", bearer);
        assertEquals(200, list.status(), list.body());
        AuthAsserts.assertNoStore(list);
        JsonArray sessions = list.jsonArray();
        assertEquals(2, sessions.size());
        JsonObject current = session(sessions, LAPTOP);
        JsonObject other = session(sessions, PHONE);
        assertTrue(current.getBoolean("current"));
        assertFalse(other.getBoolean("current"));
        Instant created = Instant.parse(current.getString("created"));
        assertFalse(created.isAfter(Instant.parse(current.getString("last_used"))));

        String adasSession = api.get("api/auth/sessions", "Authorization",
                "Bearer " + someoneElse.json().getString("access_token")).jsonArray().getValuesAs(JsonObject.class)
                .stream().filter(s -> s.getBoolean("current")).findFirst().orElseThrow().getString("id");
        Reply notMine = api.delete("api/auth/sessions/" + adasSession, "Authorization", bearer);
        assertEquals(404, notMine.status(), "somebody else's session is not found");
        assertEquals(200, api.withCookie("api/auth/refresh", someoneElse.refreshCookie().value()).status());

        assertEquals(204, api.delete("api/auth/sessions/" + other.getString("id"), "Authorization", bearer).status());
        assertEquals(401, api.withCookie("api/auth/refresh", phone.refreshCookie().value()).status());
        assertEquals(List.of(current.getString("id")), ids(api.get("api/auth/sessions", "Authorization", bearer)));
        assertEquals(404, api.delete("api/auth/sessions/" + other.getString("id"), "Authorization", bearer).status());

        assertEquals(204, api.delete("api/auth/sessions", "Authorization", bearer).status());
        assertEquals(401, api.withCookie("api/auth/refresh", laptop.refreshCookie().value()).status(),
                "log out everywhere ends this session too");
        assertEquals(401, api.get("api/auth/sessions", "Authorization", bearer).status(),
                "an access token of an ended session no longer manages sessions");
    }

    @Test
    void theAccessTokenOfAnEndedSessionCannotManageSessions() {
        Api api = api();
        Reply stolen = api.login(TestUsers.OTHER_USER, TestUsers.OTHER_USER_PASSWORD, "User-Agent", "thief");
        Reply owner = api.login(TestUsers.OTHER_USER, TestUsers.OTHER_USER_PASSWORD, "User-Agent", LAPTOP);
        String ownerBearer = "Bearer " + owner.json().getString("access_token");
        String thiefBearer = "Bearer " + stolen.json().getString("access_token");
        String stolenId = session(api.get("api/auth/sessions", "Authorization", ownerBearer).jsonArray(), "thief")
                .getString("id");

        assertEquals(204, api.delete("api/auth/sessions/" + stolenId, "Authorization", ownerBearer).status());

        Reply refused = api.delete("api/auth/sessions", "Authorization", thiefBearer);
        assertEquals(401, refused.status(), "the revoked session's access token may not log the owner out");
        assertEquals("invalid_token", refused.json().getString("error"));
        assertEquals(401, api.get("api/auth/sessions", "Authorization", thiefBearer).status());
        assertEquals(200, api.withCookie("api/auth/refresh", owner.refreshCookie().value()).status());
    }

    private void assertRefreshCookie(SetCookie cookie) {
        AuthAsserts.assertRefreshCookie(cookie, deployed);
    }

    private void assertCleared(SetCookie cookie) {
        AuthAsserts.assertCleared(cookie, deployed);
    }

    private static JsonObject row(JsonObject rows, SetCookie cookie) {
        String hash = Sha256.base64url(cookie.value());
        return rows.getJsonArray("tokens").getValuesAs(JsonObject.class).stream()
                .filter(row -> row.getString("hash").equals(hash))
                .findFirst().orElseThrow(() -> new AssertionError("no row for the cookie's hash"));
    }

    /** Other tests here sign the same users in: a test that counts a user's sessions starts from none. */
    private static void endEverySession(Api api, String user, String password) {
        Reply login = api.login(user, password);
        assertEquals(204, api.delete("api/auth/sessions", "Authorization",
                "Bearer " + login.json().getString("access_token")).status());
    }

    private static JsonObject session(JsonArray sessions, String userAgent) {
        return sessions.getValuesAs(JsonObject.class).stream()
                .filter(s -> userAgent.equals(s.getString("user_agent"))).findFirst().orElseThrow();
    }

    private static List<String> ids(Reply list) {
        return list.jsonArray().getValuesAs(JsonObject.class).stream().map(s -> s.getString("id")).toList();
    }
}
