package dev.tokencookie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.it.support.Api;
import dev.tokencookie.it.support.Api.Reply;
import dev.tokencookie.it.support.AuthAsserts;
import dev.tokencookie.it.support.Deployments;
import dev.tokencookie.it.support.LoginTimes;
import dev.tokencookie.it.support.ServerTest;
import dev.tokencookie.it.support.TestDirectory;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The LDAP identity source, configured in web.xml and one environment variable: Jakarta Security's own LDAP store
 * against a real directory that this test runs, stops and misconfigures on purpose.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IdentityLdapIT extends ServerTest {

    private static final TestDirectory DIRECTORY = TestDirectory.onFreePort();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withoutTestUsers(Map.of(
                "auth.identity.source", "ldap",
                "auth.identity.ldap.url", DIRECTORY.url(),
                "auth.identity.ldap.bind-dn", TestDirectory.SEARCHER,
                "auth.identity.ldap.caller-search-base", TestDirectory.PEOPLE,
                "auth.identity.ldap.caller-search-scope", "subtree",
                "auth.identity.ldap.group-search-scope", "subtree",
                "auth.identity.ldap.group-search-base", TestDirectory.GROUPS,
                "auth.login.max-failures", "1000000"));
    }

    @BeforeAll
    static void startDirectory() {
        DIRECTORY.start(TestDirectory.SEARCHER_PASSWORD);
    }

    @AfterAll
    static void stopDirectory() {
        DIRECTORY.close();
    }

    @Test
    @Order(1)
    void theDirectorysPeopleSignInWithTheirGroups() {
        Api api = api();
        // erin is in a group of a nested unit too, which only a subtree search reaches.
        assertEquals(Set.of("auditors", "staff", TestDirectory.NESTED_GROUP), AuthAsserts.groupsAfterLogin(api,
                TestDirectory.AUDITOR, TestDirectory.AUDITOR_PASSWORD));
        assertEquals(Set.of("staff"), AuthAsserts.groupsAfterLogin(api, TestDirectory.MEMBER,
                TestDirectory.MEMBER_PASSWORD));
        // gus lives in a unit below the caller search base, which the subtree search reaches.
        assertEquals(Set.of("staff"), AuthAsserts.groupsAfterLogin(api, TestDirectory.CONTRACTOR,
                TestDirectory.CONTRACTOR_PASSWORD));

        // The directory matches names regardless of case; the token carries one spelling, so erin has one session list.
        Reply shouted = api.login("ERIN", TestDirectory.AUDITOR_PASSWORD);
        assertEquals(200, shouted.status(), shouted.body());
        assertEquals(TestDirectory.AUDITOR, api.get("api/me", "Authorization", "Bearer "
                + shouted.json().getString("access_token")).json().getString("name"));
        assertEquals(401, api.login(" erin", TestDirectory.AUDITOR_PASSWORD).status(), "no second spelling by space");
    }

    @Test
    @Order(2)
    void aWrongPasswordAnUnknownUserAndAFilterInTheNameGetTheSameAnswerInTheSameTime() {
        Api api = api();
        Reply wrong = api.login(TestDirectory.AUDITOR, TestDirectory.MEMBER_PASSWORD);
        assertEquals(401, wrong.status());
        assertEquals("invalid_grant", wrong.json().getString("error"));
        assertEquals(wrong.body(), api.login("nobody", TestDirectory.AUDITOR_PASSWORD).body());
        // Jakarta Security's store puts the name into its search filter unescaped: erin's password must not sign in a
        // caller named "eri*", nor any other name that is not erin's.
        for (String trick : new String[] {"eri*", "*", "erin)(uid=*", "erin,ou=people"}) {
            Reply tricked = api.login(trick, TestDirectory.AUDITOR_PASSWORD);
            assertEquals(401, tricked.status(), trick);
            assertEquals(wrong.body(), tricked.body(), trick);
        }
        LoginTimes.assertEvenedOut(api, TestDirectory.AUDITOR, TestDirectory.AUDITOR_PASSWORD,
                getClass().getSimpleName());
    }

    @Test
    @Order(3)
    void aDirectoryThatIsDownAnswers503AndServiceResumesWhenItIsBack() {
        Api api = api();
        DIRECTORY.stop();
        try {
            for (String password : new String[] {TestDirectory.AUDITOR_PASSWORD, "a-guess"}) {
                AuthAsserts.assertStoreDown(api.login(TestDirectory.AUDITOR, password));
            }
        } finally {
            DIRECTORY.start(TestDirectory.SEARCHER_PASSWORD);
        }
        assertEquals(200, api.login(TestDirectory.AUDITOR, TestDirectory.AUDITOR_PASSWORD).status(),
                "service resumes by itself");
    }

    @Test
    @Order(4)
    void aWrongBindPasswordAnswers503NotARefusalOfTheUser() {
        Api api = api();
        DIRECTORY.stop();
        DIRECTORY.start("another-password");
        try {
            AuthAsserts.assertStoreDown(api.login(TestDirectory.AUDITOR, TestDirectory.AUDITOR_PASSWORD));
        } finally {
            DIRECTORY.stop();
            DIRECTORY.start(TestDirectory.SEARCHER_PASSWORD);
        }
        assertEquals(200, api.login(TestDirectory.AUDITOR, TestDirectory.AUDITOR_PASSWORD).status());
    }

    @Test
    @Order(5)
    void aDirectoryThatHangsAnswers503WithinTheWarsTimeouts() {
        Api api = api();
        DIRECTORY.hang();
        try {
            for (String password : new String[] {TestDirectory.AUDITOR_PASSWORD, "a-guess"}) {
                long start = System.nanoTime();
                Reply hung = api.login(TestDirectory.AUDITOR, password);
                long millis = (System.nanoTime() - start) / 1_000_000;
                AuthAsserts.assertStoreDown(hung);
                // jndi.properties: 3 s to connect and for the bind's answer, which is what hangs here.
                assertTrue(millis >= 2_500 && millis < 9_000, millis + " ms");
            }
        } finally {
            DIRECTORY.stop();
            DIRECTORY.start(TestDirectory.SEARCHER_PASSWORD);
        }
        assertEquals(200, api.login(TestDirectory.AUDITOR, TestDirectory.AUDITOR_PASSWORD).status(),
                "service resumes by itself");
    }
}
