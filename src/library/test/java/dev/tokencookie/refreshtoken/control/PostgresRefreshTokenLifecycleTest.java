package dev.tokencookie.refreshtoken.control;

import dev.tokencookie.testing.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The life cycle on a real PostgreSQL server, on the shipped DDL.
 */
class PostgresRefreshTokenLifecycleTest extends RefreshTokenLifecycleContract {

    private static TestDatabase postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = TestDatabase.shippedPostgres(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    EntityManagerFactory factory() {
        return postgres.factory();
    }
}
