package dev.tokencookie.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.it.support.Api.Reply;
import dev.tokencookie.it.support.Api.SetCookie;
import dev.tokencookie.shared.control.Sha256;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URL;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Assertions that several in-container tests share: the refresh cookie's attributes, no-store, the stored rows.
 */
public final class AuthAsserts {

    private AuthAsserts() {
    }

    public static void assertRefreshCookie(SetCookie cookie, URL deployed) {
        assertTrue(cookie.has("HttpOnly"), "HttpOnly: " + cookie);
        assertTrue(cookie.has("Secure"), "Secure: " + cookie);
        assertEquals("strict", cookie.attribute("SameSite").toLowerCase(Locale.ROOT), cookie.toString());
        assertEquals(deployed.getPath() + "api/auth", cookie.attribute("Path"));
    }

    public static void assertCleared(SetCookie cookie, URL deployed) {
        assertRefreshCookie(cookie, deployed);
        assertEquals("", cookie.value());
        assertEquals("0", cookie.attribute("Max-Age"));
    }

    public static void assertNoStore(Reply reply) {
        assertEquals("no-store", reply.header("Cache-Control").orElse(null));
    }

    /** A login that a store which cannot answer now turned away: retry shortly, never a refusal of the user. */
    public static void assertStoreDown(Reply reply) {
        assertEquals(503, reply.status(), reply.body());
        assertEquals("temporarily_unavailable", reply.json().getString("error"));
        assertEquals("5", reply.header("Retry-After").orElse(null));
        assertNoStore(reply);
    }

    /**
     * Signs the user in, then asks the drop-in WAR's {@code /api/me} with the new access token: the user's name must
     * come back, and the groups that reached the token are returned.
     */
    public static Set<String> groupsAfterLogin(Api api, String user, String password) {
        Reply login = api.login(user, password);
        assertEquals(200, login.status(), login.body());
        Reply me = api.get("api/me", "Authorization", "Bearer " + login.json().getString("access_token"));
        assertEquals(200, me.status(), me.body());
        assertEquals(user, me.json().getString("name"));
        return me.json().getJsonArray("groups").getValuesAs(JsonString.class).stream().map(JsonString::getString)
                .collect(Collectors.toSet());
    }

    /** The user's session ({@code sessions}) and token ({@code tokens}) rows, from the test-support servlet. */
    public static JsonObject rows(Api api, String user) {
        return api.get("test-support/refresh-token-rows?user=" + user).json();
    }

    /**
     * The rows of the one login that issued {@code refreshToken}, whatever other logins the user has: its session row
     * ({@code session}) and every token of that session ({@code tokens}), for tests that share a deployment's users.
     */
    public static JsonObject loginRows(Api api, String user, String refreshToken) {
        JsonObject rows = rows(api, user);
        String hash = Sha256.base64url(refreshToken);
        String session = rows.getJsonArray("tokens").getValuesAs(JsonObject.class).stream()
                .filter(token -> token.getString("hash").equals(hash)).findFirst()
                .orElseThrow(() -> new AssertionError("no token row for the cookie's hash")).getString("session");
        JsonArrayBuilder tokens = Json.createArrayBuilder();
        rows.getJsonArray("tokens").getValuesAs(JsonObject.class).stream()
                .filter(token -> token.getString("session").equals(session)).forEach(tokens::add);
        JsonObject sessionRow = rows.getJsonArray("sessions").getValuesAs(JsonObject.class).stream()
                .filter(row -> row.getString("id").equals(session)).findFirst()
                .orElseThrow(() -> new AssertionError("no session row " + session));
        return Json.createObjectBuilder().add("session", sessionRow).add("tokens", tokens).build();
    }
}
