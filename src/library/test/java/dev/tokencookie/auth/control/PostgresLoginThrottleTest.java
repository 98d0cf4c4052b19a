package dev.tokencookie.auth.control;

import dev.tokencookie.testing.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The login throttle on a real PostgreSQL server, whose row locks and unique index decide the races between nodes, on
 * the shipped DDL.
 */
class PostgresLoginThrottleTest extends LoginThrottleContract {

    private static TestDatabase postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = TestDatabase.shippedPostgres(Map.of("eclipselink.logging.level", QUIET));
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    TestDatabase database() {
        return postgres;
    }
}
