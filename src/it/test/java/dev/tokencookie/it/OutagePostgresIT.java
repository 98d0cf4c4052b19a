package dev.tokencookie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.it.deployed.TestUsers;
import dev.tokencookie.it.support.Api;
import dev.tokencookie.it.support.Api.Reply;
import dev.tokencookie.it.support.Api.SetCookie;
import dev.tokencookie.it.support.AuthAsserts;
import dev.tokencookie.it.support.Deployments;
import dev.tokencookie.it.support.PostgresServer;
import dev.tokencookie.it.support.Probes;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
 * The WAR on Payara Micro with PostgreSQL: rotation under concurrency on a real database, and a database outage in the
 * middle of a session that leaves nothing half-done and heals without a restart, on a database whose default
 * isolation is not the one the module needs.
 */
@Tag("postgres")
// Not a ServerTest: the superclass's extension would run first, and the database must be up before deployment.
@ExtendWith({PostgresServer.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutagePostgresIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL deployed;

    private Api api() {
        return new Api(Deployments.onLocalhost(deployed));
    }

    @Test
    @Order(1)
    void twentyParallelRefreshesOnPostgresGetTheOneSuccessor() {
        Api api = api();
        SetCookie first = api.login(TestUsers.USER, TestUsers.USER_PASSWORD).refreshCookie();

        List<Reply> replies = api.refreshAtOnce(first.value(), 20);

        assertEquals(Map.of(200, 20L), replies.stream()
                .collect(Collectors.groupingBy(Reply::status, Collectors.counting())));
        assertEquals(1, replies.stream().map(r -> r.refreshCookie().value()).distinct().count());
    }

    @Test
    @Order(2)
    void anOutageAnswers503AndConsumesNothingAndHealsWithoutARestart() {
        Api api = api();
        Reply login = api.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        assertEquals(200, login.status(), login.body());
        SetCookie cookie = login.refreshCookie();

        PostgresServer.stop();
        try {
            Reply refresh = api.withCookie("api/auth/refresh", cookie.value());
            assertEquals(503, refresh.status(), refresh.body());
            assertEquals("temporarily_unavailable", refresh.json().getString("error"));
            assertTrue(refresh.header("Retry-After").isPresent());
            assertTrue(refresh.headers("Set-Cookie").isEmpty(), "the browser keeps its cookie through an outage");
            AuthAsserts.assertNoStore(refresh);

            Reply loginDuringOutage = api.login(TestUsers.USER, TestUsers.USER_PASSWORD);
            assertEquals(503, loginDuringOutage.status(), loginDuringOutage.body());
            assertEquals("temporarily_unavailable", loginDuringOutage.json().getString("error"));
        } finally {
            PostgresServer.start();
        }

        Reply afterOutage = api.withCookie("api/auth/refresh", cookie.value());
        assertEquals(200, afterOutage.status(), "the token was not consumed by the failed refresh: " + afterOutage
                .body());
        assertNotEquals(cookie.value(), afterOutage.refreshCookie().value());
        assertEquals(200, api.login(TestUsers.USER, TestUsers.USER_PASSWORD).status());
    }

    @Test
    @Order(3)
    void readinessFollowsTheDatabaseAndLivenessDoesNot() throws InterruptedException {
        // Ready again by itself after the outage of the test before.
        waitForReadiness(200, 40);

        PostgresServer.stop();
        try {
            Reply down = waitForReadiness(503, 20);
            JsonObject data = OperationsIT.check(down).getJsonObject("data");
            // Which words depends on where the outage caught the check: refused, still waiting, or not run since.
            assertTrue(data.getString("database").startsWith("the database "), down.body());
            String port = String.valueOf(Integer.getInteger("it.postgres.port", 55432));
            for (String value : data.values().stream().map(v -> ((JsonString) v).getString()).toList()) {
                assertFalse(value.contains("jdbc:") || value.contains(":" + port) || value.contains("password"),
                        "no connection string in the probe: " + value);
            }
            Reply live = Probes.liveness(deployed);
            assertEquals(200, live.status(), "a restart would not bring the database back: " + live.body());
        } finally {
            PostgresServer.start();
        }

        Reply up = waitForReadiness(200, 40);
        assertEquals("UP", OperationsIT.check(up).getString("status"), up.body());
        Reply metrics = api().get("api/auth/metrics", "Authorization", "Bearer scraper-secret-of-the-tests-0123456789");
        Map<String, Double> samples = OperationsIT.samples(metrics);
        assertTrue(samples.get("auth_logins_total{outcome=\"unavailable\"}") >= 1, "the login during the outage");
        assertTrue(samples.get("auth_refreshes_total{outcome=\"unavailable\"}") >= 1, "the refresh during it");
    }

    @Test
    @Order(4)
    void theModulesConnectionsReadCommittedWhereTheDatabaseDefaultsToSerializable() {
        // After the outages above too: connections the pool opened again got the level as its first ones did.
        Reply session = api().get("test-support/database-session");
        assertEquals(200, session.status(), session.body());
        assertEquals("serializable", session.json().getString("databaseDefault"), "PostgresServer's setting");
        assertEquals("read committed", session.json().getString("isolation"),
                "the level that rotation's locking is written for, from the server's pool settings");
    }

    /** Polls readiness until it answers the status, for at most the seconds given. */
    private Reply waitForReadiness(int status, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        Reply reply = Probes.readiness(deployed);
        while (reply.status() != status) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("readiness not " + status + " within " + seconds + " s: " + reply.body());
            }
            Thread.sleep(500);
            reply = Probes.readiness(deployed);
        }
        return reply;
    }
}
