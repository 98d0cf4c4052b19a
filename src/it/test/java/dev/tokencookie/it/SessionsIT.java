package dev.tokencookie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.it.deployed.TestUsers;
import dev.tokencookie.it.support.Api;
import dev.tokencookie.it.support.Api.Reply;
import dev.tokencookie.it.support.AuthAsserts;
import dev.tokencookie.it.support.Deployments;
import dev.tokencookie.it.support.ServerTest;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The sessions API over HTTP: a user sees and ends their own logins, never somebody else's.
 */
class SessionsIT extends ServerTest {

    private static final String LAPTOP = "Mozilla/5.0 (X11; Linux x86_64) Laptop";
    private static final String PHONE = "Mozilla/5.0 (Android 15) Phone";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
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
                "Bearer " + someoneElse.json().getString("access_token")).jsonArray().getJsonObject(0).getString("id");
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

    private static JsonObject session(JsonArray sessions, String userAgent) {
        return sessions.getValuesAs(JsonObject.class).stream()
                .filter(s -> userAgent.equals(s.getString("user_agent"))).findFirst().orElseThrow();
    }

    private static List<String> ids(Reply list) {
        return list.jsonArray().getValuesAs(JsonObject.class).stream().map(s -> s.getString("id")).toList();
    }
}
