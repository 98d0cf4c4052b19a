package dev.tokencookie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.tokencookie.it.deployed.TestUsers;
import dev.tokencookie.it.support.Api;
import dev.tokencookie.it.support.Api.Reply;
import dev.tokencookie.it.support.Api.SetCookie;
import dev.tokencookie.it.support.AuthAsserts;
import dev.tokencookie.it.support.Deployments;
import dev.tokencookie.it.support.ServerTest;
import dev.tokencookie.shared.control.Sha256;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Rotation under concurrency, over HTTP: tabs that share one cookie and refresh at the same moment all stay signed in.
 */
class RefreshRotationIT extends ServerTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
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

        JsonObject rows = AuthAsserts.rows(api, TestUsers.USER);
        assertEquals(2, rows.getJsonArray("tokens").size(), "one consumed token and one live head");
        assertFalse(rows.getJsonArray("sessions").getJsonObject(0).getBoolean("revoked"));
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

        String session = AuthAsserts.rows(api, TestUsers.ADMIN).getJsonArray("tokens").getValuesAs(JsonObject.class)
                .stream().filter(t -> t.getString("hash").equals(Sha256.base64url(login.refreshCookie().value())))
                .findFirst().orElseThrow().getString("session");
        assertEquals(session, claims.getString("sid"));
    }
}
