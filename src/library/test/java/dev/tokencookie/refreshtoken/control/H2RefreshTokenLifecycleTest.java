package dev.tokencookie.refreshtoken.control;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The life cycle on H2, the embedded default database.
 */
class H2RefreshTokenLifecycleTest extends RefreshTokenLifecycleContract {

    private static EntityManagerFactory emf;

    @BeforeAll
    static void start() {
        emf = Persistence.createEntityManagerFactory("token-cookie-auth-test");
    }

    @AfterAll
    static void stop() {
        emf.close();
    }

    @Override
    EntityManagerFactory factory() {
        return emf;
    }
}
