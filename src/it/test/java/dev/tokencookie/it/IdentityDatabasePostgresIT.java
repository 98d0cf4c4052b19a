package dev.tokencookie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tokencookie.it.deployed.identity.DatabaseUsers;
import dev.tokencookie.it.support.Api;
import dev.tokencookie.it.support.Api.Reply;
import dev.tokencookie.it.support.AuthAsserts;
import dev.tokencookie.it.support.Deployments;
import dev.tokencookie.it.support.LoginTimes;
import dev.tokencookie.it.support.PostgresServer;
import dev.tokencookie.it.support.TeamUsersDatabase;
import java.net.URL;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The database identity source on PostgreSQL: Jakarta Security's own database store reads a team's user table in the
 * team's own database, apart from the module's, and that database going away answers 503 while sessions go on.
 */
@Tag("postgres")
// Not a ServerTest: both databases must be up before deployment, which creates the user table.
@ExtendWith({PostgresServer.class, TeamUsersDatabase.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IdentityDatabasePostgresIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withTeamUsersDatabase(TeamUsersDatabase.url(), Map.of(
                "auth.identity.source", "database",
                "auth.identity.database.caller-query", DatabaseUsers.CALLER_QUERY,
                "auth.identity.database.groups-query", DatabaseUsers.GROUPS_QUERY,
                "auth.login.max-failures", "1000000"));
    }

    @ArquillianResource
    URL deployed;

    private Api api() {
        return new Api(Deployments.onLocalhost(deployed));
    }

    @Test
    @Order(1)
    void theTeamsUsersSignInWithTheirGroupsAndAWrongPasswordLooksLikeAnUnknownUser() {
        Api api = api();
        assertEquals(Set.of("auditors", "staff"), AuthAsserts.groupsAfterLogin(api, DatabaseUsers.AUDITOR,
                DatabaseUsers.AUDITOR_PASSWORD));
        assertEquals(Set.of("staff"), AuthAsserts.groupsAfterLogin(api, DatabaseUsers.MEMBER,
                DatabaseUsers.MEMBER_PASSWORD));

        Reply wrong = api.login(DatabaseUsers.AUDITOR, DatabaseUsers.MEMBER_PASSWORD);
        assertEquals(401, wrong.status(), wrong.body());
        assertEquals("invalid_grant", wrong.json().getString("error"));
        assertEquals(wrong.body(), api.login("nobody", DatabaseUsers.AUDITOR_PASSWORD).body());
        LoginTimes.assertEvenedOut(api, DatabaseUsers.AUDITOR, DatabaseUsers.AUDITOR_PASSWORD,
                getClass().getSimpleName());
    }

    @Test
    @Order(2)
    void aUsersDatabaseThatIsDownAnswers503WhileSessionsGoOnAndServiceResumesWhenItIsBack() {
        Api api = api();
        Reply before = api.login(DatabaseUsers.MEMBER, DatabaseUsers.MEMBER_PASSWORD);
        assertEquals(200, before.status(), before.body());

        TeamUsersDatabase.stop();
        try {
            for (String password : new String[] {DatabaseUsers.MEMBER_PASSWORD, "a-guess"}) {
                AuthAsserts.assertStoreDown(api.login(DatabaseUsers.MEMBER, password));
            }
            // The module's own tables are elsewhere: a session started before goes on.
            Reply refresh = api.withCookie("api/auth/refresh", before.refreshCookie().value());
            assertEquals(200, refresh.status(), refresh.body());
        } finally {
            TeamUsersDatabase.start();
        }
        Reply after = api.login(DatabaseUsers.MEMBER, DatabaseUsers.MEMBER_PASSWORD);
        assertEquals(200, after.status(), "service resumes by itself: " + after.body());
    }
}
