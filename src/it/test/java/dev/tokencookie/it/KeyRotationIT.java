package dev.tokencookie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.it.deployed.TestUsers;
import dev.tokencookie.it.support.Api;
import dev.tokencookie.it.support.Api.Reply;
import dev.tokencookie.it.support.Deployments;
import dev.tokencookie.it.support.ServerTest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * A whole rotation of database keys on the server, sped up: tokens live 5 s with no skew (a lead of 5 s, which the
 * rotation stretches to the 10 s in which every node sees a new key) and a key signs for 20 s, so its successor is
 * published 15 s after the first key signs, well after the test's first look at the set. The next key is published
 * before it signs, and the old one stays until its tokens have expired.
 */
class KeyRotationIT extends ServerTest {

    private static final Duration LEAD = Duration.ofSeconds(5);
    private static final Duration PUBLISHED_AHEAD = Duration.ofSeconds(10);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(Map.of("auth.access-token.ttl", "PT5S", "auth.clock-skew", "PT0S",
                "auth.signing.rotation-period", "PT20S"));
    }

    @Test
    void theNextKeyIsPublishedAheadAndTheReplacedKeyLeavesAfterItsLastTokenExpired() throws Exception {
        Api api = api();
        String first = kid(login(api));
        assertEquals(List.of(first), published(api));
        assertEquals("max-age=0, s-maxage=0", api.get("api/auth/jwks").header("Cache-Control").orElseThrow(),
                "with a 5 s lead, verifiers must not cache the set");

        List<String> both = await(api, Duration.ofSeconds(40), kids -> kids.size() == 2);
        assertEquals(first, both.get(0));
        String next = both.get(1);
        String lastOfFirst = login(api);
        assertEquals(first, kid(lastOfFirst), "the new key does not sign yet");

        Instant deadline = Instant.now().plus(PUBLISHED_AHEAD).plusSeconds(15);
        String token = lastOfFirst;
        while (kid(token).equals(first) && Instant.now().isBefore(deadline)) {
            lastOfFirst = token;
            Thread.sleep(200);
            token = login(api);
        }
        assertEquals(next, kid(token), "the new key signs after the lead");
        assertEquals(200, api.get("api/me", "Authorization", "Bearer " + token).status());
        assertEquals(200, api.get("api/me", "Authorization", "Bearer " + lastOfFirst).status(),
                "the replaced key's last token is still accepted while it lives");
        assertTrue(published(api).contains(first));

        JsonObject nextRow = rows(api).stream().map(JsonObject.class::cast)
                .filter(row -> row.getString("kid").equals(next)).findFirst().orElseThrow();
        assertTrue(nextRow.getJsonNumber("activatesAt").longValue() - nextRow.getJsonNumber("createdAt").longValue()
                >= PUBLISHED_AHEAD.toMillis(), "published at least one lead, here 10 s, before it signs: " + nextRow);
        assertEquals(2, nextRow.getInt("generation"));

        assertEquals(List.of(next), await(api, LEAD.plusSeconds(15), kids -> !kids.contains(first)));
        long expiry = claims(lastOfFirst).getJsonNumber("exp").longValue();
        assertTrue(Instant.now().getEpochSecond() >= expiry, "removed only once its last token had expired");
        assertEquals(401, api.get("api/me", "Authorization", "Bearer " + lastOfFirst).status());
        assertFalse(rows(api).stream().map(JsonObject.class::cast).anyMatch(row -> row.getString("kid").equals(first)),
                "the row is deleted");
    }

    private static String login(Api api) {
        Reply login = api.login(TestUsers.USER, TestUsers.USER_PASSWORD);
        assertEquals(200, login.status(), login.body());
        return login.json().getString("access_token");
    }

    private static List<String> published(Api api) {
        Reply jwks = api.get("api/auth/jwks");
        assertEquals(200, jwks.status());
        return jwks.json().getJsonArray("keys").getValuesAs(JsonObject.class).stream()
                .map(key -> key.getString("kid")).toList();
    }

    private static List<String> await(Api api, Duration timeout, Predicate<List<String>> condition)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        List<String> kids = published(api);
        while (!condition.test(kids) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            kids = published(api);
        }
        assertTrue(condition.test(kids), "JWKS after " + timeout + ": " + kids);
        return kids;
    }

    private static jakarta.json.JsonArray rows(Api api) {
        return api.get("test-support/signing-key-rows").jsonArray();
    }

    static String kid(String token) {
        return part(token, 0).getString("kid");
    }

    static JsonObject claims(String token) {
        return part(token, 1);
    }

    private static JsonObject part(String token, int index) {
        String json = new String(Base64.getUrlDecoder().decode(token.split("\\.")[index]), StandardCharsets.UTF_8);
        return Json.createReader(new StringReader(json)).readObject();
    }
}
