package dev.tokencookie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.it.deployed.TestUsers;
import dev.tokencookie.it.deployed.container.ReportsServlet;
import dev.tokencookie.it.support.Api;
import dev.tokencookie.it.support.Api.Reply;
import dev.tokencookie.it.support.Deployments;
import dev.tokencookie.it.support.ServerTest;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The container knows the caller of a request with a token (the WAR's authentication mechanism): an EJB's
 * {@code @RolesAllowed}, Jakarta Security's SecurityContext in a CDI bean, and a web.xml security constraint on a plain
 * servlet that no filter guards.
 */
class ContainerCallerIT extends ServerTest {

    private static final String INSUFFICIENT_SCOPE = "Bearer realm=\"api\", error=\"insufficient_scope\"";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withContainerChecks();
    }

    private static String bearer(Api api, String user, String password) {
        Reply login = api.login(user, password);
        assertEquals(200, login.status(), login.body());
        return "Bearer " + login.json().getString("access_token");
    }

    @Test
    void anEjbsRolesAllowedRefusesACallerWithoutTheRoleWith403() {
        Api api = api();
        Reply user = api.get("api/test-support/container/ledger", "Authorization",
                bearer(api, TestUsers.USER, TestUsers.USER_PASSWORD));
        assertEquals(403, user.status(), user.body());
        assertTrue(user.header("WWW-Authenticate").orElseThrow().startsWith(INSUFFICIENT_SCOPE));
        assertEquals("insufficient_scope", user.json().getString("error"));
    }

    @Test
    void theEjbAndSecurityContextKnowTheCallersName() {
        Api api = api();
        JsonObject user = api.get("api/test-support/container/caller", "Authorization",
                bearer(api, TestUsers.USER, TestUsers.USER_PASSWORD)).json();
        assertEquals(TestUsers.USER, user.getString("ejbCaller"));
        assertEquals(TestUsers.USER, user.getString("securityContextCaller"));
        assertFalse(user.getBoolean("securityContextIsAdmin"));
    }

    @Test
    void anEjbsRolesAllowedAndSecurityContextSeeTheTokensGroups() {
        Api api = api();
        String admin = bearer(api, TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        Reply ledger = api.get("api/test-support/container/ledger", "Authorization", admin);
        assertEquals(200, ledger.status(), ledger.body());
        assertEquals("entry for " + TestUsers.ADMIN, ledger.body());
        JsonObject caller = api.get("api/test-support/container/caller", "Authorization", admin).json();
        assertTrue(caller.getBoolean("securityContextIsAdmin"));
        assertTrue(caller.getBoolean("securityContextIsUser"));
    }

    @Test
    void aWebXmlConstraintProtectsAPlainServletWithBearerTokens() {
        Api api = api();
        Reply none = api.get(ReportsServlet.PATH);
        assertEquals(401, none.status(), none.body());
        assertEquals("Bearer realm=\"api\"", none.header("WWW-Authenticate").orElseThrow());

        Reply garbage = api.get(ReportsServlet.PATH, "Authorization", "Bearer a.b.c");
        assertEquals(401, garbage.status());
        assertTrue(garbage.header("WWW-Authenticate").orElseThrow()
                .startsWith("Bearer realm=\"api\", error=\"invalid_token\""));

        assertEquals(403, api.get(ReportsServlet.PATH, "Authorization",
                bearer(api, TestUsers.USER, TestUsers.USER_PASSWORD)).status());
        Reply admin = api.get(ReportsServlet.PATH, "Authorization",
                bearer(api, TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD));
        assertEquals(200, admin.status(), admin.body());
        assertEquals("reports for " + TestUsers.ADMIN, admin.body());
    }

    @Test
    void theTokenOfASignedOutSessionIsRefusedByTheConstraintAsByTheFilter() {
        Api api = api();
        Reply login = api.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        String bearer = "Bearer " + login.json().getString("access_token");
        assertEquals(200, api.get(ReportsServlet.PATH, "Authorization", bearer).status());
        assertEquals(204, api.withCookie("api/auth/logout", login.refreshCookie().value()).status());
        String ended = "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The session of this access"
                + " token has ended\"";
        for (String path : new String[] {ReportsServlet.PATH, "api/me"}) {
            Reply reply = api.get(path, "Authorization", bearer);
            assertEquals(401, reply.status(), path);
            assertEquals(ended, reply.header("WWW-Authenticate").orElseThrow(), path);
        }
    }
}
