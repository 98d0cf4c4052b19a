package dev.tokencookie.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Test-only: the module's entities on EclipseLink out of container (the unit {@code token-cookie-auth-test}), on H2
 * or on a real PostgreSQL, with transactions begun and committed by hand as the container would.
 */
public final class TestDatabase implements AutoCloseable {

    private final EntityManagerFactory factory;
    private final EmbeddedPostgres postgres;

    private TestDatabase(EntityManagerFactory factory, EmbeddedPostgres postgres) {
        this.factory = factory;
        this.postgres = postgres;
    }

    /** In-memory H2 with generated tables; the properties override the unit's, e.g. its URL for a database apart. */
    public static TestDatabase h2(Map<String, String> properties) {
        return new TestDatabase(Persistence.createEntityManagerFactory("token-cookie-auth-test", properties), null);
    }

    /**
     * A PostgreSQL server started here from Maven Central binaries, on the schema of
     * src/library/main/sql/postgresql.sql rather
     * than generated tables, so that the shipped DDL is proven too.
     */
    public static TestDatabase shippedPostgres(Map<String, String> properties) throws IOException, SQLException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(Files.readString(Path.of("main/sql/postgresql.sql")));
        } catch (IOException | SQLException | RuntimeException e) {
            postgres.close();
            throw e;
        }
        Map<String, String> unit = new HashMap<>(Map.of(
                "jakarta.persistence.jdbc.driver", "org.postgresql.Driver",
                "jakarta.persistence.jdbc.url", postgres.getJdbcUrl("postgres", "postgres"),
                "jakarta.persistence.jdbc.user", "postgres",
                "jakarta.persistence.jdbc.password", "postgres",
                "jakarta.persistence.schema-generation.database.action", "none"));
        unit.putAll(properties);
        return new TestDatabase(Persistence.createEntityManagerFactory("token-cookie-auth-test", unit), postgres);
    }

    public EntityManagerFactory factory() {
        return factory;
    }

    /** Runs the work in a transaction of its own, on a persistence context of its own; rolls back when it fails. */
    public <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            factory.close();
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }
}
