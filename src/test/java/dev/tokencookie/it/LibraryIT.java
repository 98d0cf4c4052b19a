package dev.tokencookie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.it.Api.Reply;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
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
        assertEquals(1, api.get("test-support/refresh-token-rows?user=" + TestUsers.USER).json()
                .getJsonArray("families").size(), "the store works in the team's WAR");
    }
}
