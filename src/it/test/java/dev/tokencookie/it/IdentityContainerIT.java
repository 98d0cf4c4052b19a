package dev.tokencookie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.it.support.Api;
import dev.tokencookie.it.support.Api.Reply;
import dev.tokencookie.it.support.AuthAsserts;
import dev.tokencookie.it.support.Deployments;
import dev.tokencookie.it.support.LoginTimes;
import dev.tokencookie.it.support.ServerTest;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The container identity source: carol is a user of the server itself, made by its own tooling before the test runs
 * (Payara's {@code create-file-user} in the post-boot or setup command file, WildFly's {@code add-user}), in the groups
 * auditors, staff and hr; the WAR lists two of them.
 */
class IdentityContainerIT extends ServerTest {

    private static final String USER = "carol";
    private static final String PASSWORD = "carol-realm-password-1";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withoutTestUsers(Map.of(
                "auth.identity.source", "container",
                "auth.identity.container.groups", "auditors,staff,admin",
                "auth.login.max-failures", "1000000"));
    }

    @Test
    void theServersUserSignsInWithTheListedGroupsItIsIn() {
        Api api = api();
        assertEquals(Set.of("auditors", "staff"), AuthAsserts.groupsAfterLogin(api, USER, PASSWORD),
                "hr is not listed, admin is not carol's");
    }

    @Test
    void theLoginLeavesNoContainerSessionBehind() {
        Reply login = api().login(USER, PASSWORD);
        assertEquals(200, login.status(), login.body());
        // WildFly makes a session to remember the login; the module ends it, so its cookie can only be a removal.
        assertTrue(login.headers("Set-Cookie").stream().filter(cookie -> cookie.startsWith("JSESSIONID"))
                .map(cookie -> cookie.toLowerCase(Locale.ROOT))
                .allMatch(cookie -> cookie.contains("max-age=0") || cookie.contains("expires=thu, 01-jan-1970")),
                login.headers("Set-Cookie").toString());
    }

    @Test
    void aValidTokenOnTheLoginRequestSignsNoOneInWithoutTheirPassword() {
        Api api = api();
        Reply login = api.login(USER, PASSWORD);
        assertEquals(200, login.status(), login.body());
        String bearer = "Bearer " + login.json().getString("access_token");
        // The mechanism makes the token's caller the container's before the login endpoint asks about the password.
        for (String[] attempt : new String[][] {{"nobody", PASSWORD}, {USER, "carol-realm-password-2"}}) {
            Reply refused = api.login(attempt[0], attempt[1], "Authorization", bearer);
            assertEquals(401, refused.status(), attempt[0] + ": " + refused.body());
            assertEquals("invalid_grant", refused.json().getString("error"));
        }
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() {
        Api api = api();
        Reply wrong = api.login(USER, "carol-realm-password-2");
        Reply unknown = api.login("nobody", PASSWORD);
        assertEquals(401, wrong.status());
        assertEquals(wrong.body(), unknown.body());
        assertEquals("invalid_grant", wrong.json().getString("error"));
        assertEquals(401, api.login("alice", "alice-password-1").status(), "no demo or test user here");
        LoginTimes.assertEvenedOut(api, USER, PASSWORD, getClass().getSimpleName());
    }
}
