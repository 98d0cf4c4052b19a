package dev.tokencookie.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tokencookie.it.support.Api;
import dev.tokencookie.it.support.Api.Reply;
import dev.tokencookie.it.support.MicroProcess;
import dev.tokencookie.it.support.PostgresServer;
import dev.tokencookie.it.support.ServerProcess;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A node started while its database is down, as after a power cut that brought the application servers back first.
 * Payara deploys a persistence unit by connecting to its datasource, so the WAR does not deploy then: the node must
 * say so to its orchestrator, not ready and not live, so that it is restarted until the database answers, and then
 * serve.
 *
 * <p>Payara Micro processes, as ScaleOutIT's (the same group): a node's start is what is tested, which an Arquillian
 * deployment on a running server is not.
 */
@Tag("scale-out")
@ExtendWith(PostgresServer.class)
class ColdStartPostgresIT {

    private static final Map<String, String> ENVIRONMENT = Map.of(
            "AUTH_DB_URL", "jdbc:postgresql://localhost:" + Integer.getInteger("it.postgres.port", 55432)
                    + "/postgres",
            "AUTH_DB_USER", "postgres",
            "AUTH_DB_PASSWORD", "postgres");

    @Test
    void aNodeStartedWithoutItsDatabaseAsksForARestartAndServesOnceTheDatabaseIsBack() throws Exception {
        Path war = Path.of(System.getProperty("war.file", "target/token-cookie-auth.war"));
        PostgresServer.stop();
        try (MicroProcess node = MicroProcess.start(ServerProcess.freePort(), Path.of("target", "cold-start"), war,
                ENVIRONMENT)) {
            Api api = node.api();
            Reply ready = api.get("health/ready");
            assertEquals(503, ready.status(), ready.body());
            Reply live = api.get("health/live");
            assertEquals(503, live.status(), "a restart is what brings the WAR: " + live.body());
        } finally {
            PostgresServer.start();
        }

        try (MicroProcess node = MicroProcess.start(ServerProcess.freePort(), Path.of("target", "cold-start"), war,
                ENVIRONMENT)) {
            Api api = node.api();
            Reply ready = api.get("health/ready");
            // Its first checks run as it starts; the database's answer may come a moment after the log says ready.
            for (int i = 0; i < 40 && ready.status() != 200; i++) {
                Thread.sleep(500);
                ready = api.get("health/ready");
            }
            assertEquals(200, ready.status(), ready.body());
            assertEquals("UP", OperationsIT.check(ready).getString("status"), ready.body());
            assertEquals(401, api.login("nobody", "wrong-password-1").status(), "it answers logins");
        }
    }
}
