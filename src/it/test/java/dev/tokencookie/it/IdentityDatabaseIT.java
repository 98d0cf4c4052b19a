package dev.tokencookie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tokencookie.it.deployed.identity.DatabaseUsers;
import dev.tokencookie.it.support.Api;
import dev.tokencookie.it.support.Api.Reply;
import dev.tokencookie.it.support.AuthAsserts;
import dev.tokencookie.it.support.Deployments;
import dev.tokencookie.it.support.LoginTimes;
import dev.tokencookie.it.support.ServerTest;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The database identity source, configured in web.xml only: Jakarta Security's own database store reads a team's user
 * table (hashes by its Pbkdf2PasswordHash) in the server's default datasource, H2 on every server here.
 */
class IdentityDatabaseIT extends ServerTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withoutTestUsers(Map.of(
                "auth.identity.source", "database",
                "auth.identity.database.datasource", "java:comp/DefaultDataSource",
                "auth.identity.database.caller-query", DatabaseUsers.CALLER_QUERY,
                "auth.identity.database.groups-query", DatabaseUsers.GROUPS_QUERY,
                "auth.login.max-failures", "1000000"), DatabaseUsers.class);
    }

    @Test
    void theTablesUsersSignInWithTheirGroups() {
        Api api = api();
        assertEquals(Set.of("auditors", "staff"), AuthAsserts.groupsAfterLogin(api, DatabaseUsers.AUDITOR,
                DatabaseUsers.AUDITOR_PASSWORD));
        assertEquals(Set.of("staff"), AuthAsserts.groupsAfterLogin(api, DatabaseUsers.MEMBER,
                DatabaseUsers.MEMBER_PASSWORD));
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswerInTheSameTime() {
        Api api = api();
        Reply wrong = api.login(DatabaseUsers.AUDITOR, DatabaseUsers.MEMBER_PASSWORD);
        Reply unknown = api.login("nobody", DatabaseUsers.AUDITOR_PASSWORD);
        assertEquals(401, wrong.status());
        assertEquals(wrong.body(), unknown.body());
        assertEquals("invalid_grant", wrong.json().getString("error"));
        assertEquals(401, api.login("alice", "alice-password-1").status(), "no demo or test user here");
        LoginTimes.assertEvenedOut(api, DatabaseUsers.AUDITOR, DatabaseUsers.AUDITOR_PASSWORD,
                getClass().getSimpleName());
    }
}
