package dev.tokencookie.it;

import dev.tokencookie.it.deployed.TestUsers;
import dev.tokencookie.it.support.Api;
import dev.tokencookie.it.support.Deployments;
import dev.tokencookie.it.support.ServerTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.it.support.Api.Reply;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The module as a library: a team's own WAR with the classes jar in WEB-INF/lib, a minimal web.xml of its own, its own
 * users and its own resource, behind the module's filter.
 */
class LibraryIT extends ServerTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.teamWar();
    }

    @Test
    void theTeamsWarSignsInRefreshesAndProtectsItsOwnResource() {
        Api api = api();
        assertEquals(401, api.get("api/orders").status(), "the team's resource is behind the filter");
        assertEquals("nosniff", api.get("api/orders").header("X-Content-Type-Options").orElse(null),
                "the README's web.xml gives the team's API the security headers");
        assertEquals("Bearer realm=\"api\"", api.get("api/orders").header("WWW-Authenticate").orElseThrow());

        Reply login = api.login(TestUsers.USER, TestUsers.USER_PASSWORD);
        assertEquals(200, login.status(), login.body());
        String token = login.json().getString("access_token");
        assertEquals("team-app", KeyRotationIT.claims(token).getString("iss"), "the team's web.xml setting applies");
        assertTrue(login.refreshCookie().attribute("Path").endsWith("/api/auth"), login.refreshCookie().toString());

        Reply orders = api.get("api/orders", "Authorization", "Bearer " + token);
        assertEquals(200, orders.status(), orders.body());
        assertEquals(TestUsers.USER, orders.json().getString("owner"));
        assertEquals(403, api.get("api/orders/all", "Authorization", "Bearer " + token).status(),
                "@RolesAllowed in the team's resource follows the token's groups");
        String admin = api.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD).json().getString("access_token");
        assertEquals(200, api.get("api/orders/all", "Authorization", "Bearer " + admin).status());

        Reply refresh = api.withCookie("api/auth/refresh", login.refreshCookie().value());
        assertEquals(200, refresh.status(), refresh.body());
        assertEquals(200, api.get("api/me", "Authorization", "Bearer " + refresh.json().getString("access_token"))
                .status(), "the module's own resources come along");
        assertEquals(200, api.get("api/auth/jwks").status());
        String session = KeyRotationIT.claims(token).getString("sid");
        assertTrue(api.get("test-support/refresh-token-rows?user=" + TestUsers.USER).json().getJsonArray("families")
                .getValuesAs(jakarta.json.JsonObject.class).stream().anyMatch(f -> f.getString("id").equals(session)),
                "the store works in the team's WAR");
    }

    /**
     * Found by review: with Payara's own roles check switched off by payara-web.xml, as the module asks, an application
     * listing its classes got none of the module's scanned providers, and its @RolesAllowed methods answered anybody.
     */
    @Test
    void aTeamApplicationThatListsItsClassesAndOneThatScansAreGuardedToo() {
        Api api = api();
        String user = api.login(TestUsers.USER, TestUsers.USER_PASSWORD).json().getString("access_token");
        String admin = api.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD).json().getString("access_token");

        for (String application : List.of("listed", "scanned")) {
            String path = application + "/admin";
            assertEquals(401, api.get(path).status(), "behind the filter: " + path);
            Reply notAdmin = api.get(path, "Authorization", "Bearer " + user);
            assertEquals(403, notAdmin.status(), path + ": " + notAdmin.body());
            assertEquals("insufficient_scope", notAdmin.json().getString("error"));
            assertEquals(200, api.get(path, "Authorization", "Bearer " + admin).status(), path);
        }
    }

    @Test
    void anExcludedPathOpensOnlyAnOpenEndpoint() {
        Api api = api();
        Reply status = api.get("listed/status");
        assertEquals(200, status.status(), "excluded, and an open endpoint: " + status.body());
        assertEquals("up", status.body());

        Reply report = api.get("listed/reports/q3");
        assertEquals(401, report.status(), "excluded by its path, but not an open endpoint: " + report.body());
        assertEquals("Bearer realm=\"api\"", report.header("WWW-Authenticate").orElseThrow());
        assertEquals("unauthorized", report.json().getString("error"));
        String token = api.login(TestUsers.USER, TestUsers.USER_PASSWORD).json().getString("access_token");
        assertEquals(401, api.get("listed/reports/q3", "Authorization", "Bearer " + token).status(),
                "an excluded path verifies no token, so such a resource never answers: the mistake shows at once");
    }
}
