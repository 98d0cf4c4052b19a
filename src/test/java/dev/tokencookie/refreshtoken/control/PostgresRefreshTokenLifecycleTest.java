package dev.tokencookie.refreshtoken.control;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The life cycle on a real PostgreSQL server (started here from Maven Central binaries), on the schema of
 * src/main/sql/postgresql.sql rather than generated tables, so the shipped DDL is proven too.
 */
class PostgresRefreshTokenLifecycleTest extends RefreshTokenLifecycleContract {

    private static EmbeddedPostgres postgres;
    private static EntityManagerFactory emf;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(Files.readString(Path.of("src/main/sql/postgresql.sql")));
        }
        emf = Persistence.createEntityManagerFactory("token-cookie-auth-test", Map.of(
                "jakarta.persistence.jdbc.driver", "org.postgresql.Driver",
                "jakarta.persistence.jdbc.url", postgres.getJdbcUrl("postgres", "postgres"),
                "jakarta.persistence.jdbc.user", "postgres",
                "jakarta.persistence.jdbc.password", "postgres",
                "jakarta.persistence.schema-generation.database.action", "none"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (emf != null) {
            emf.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    EntityManagerFactory factory() {
        return emf;
    }
}
