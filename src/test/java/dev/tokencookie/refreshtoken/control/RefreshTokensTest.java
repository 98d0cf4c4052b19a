package dev.tokencookie.refreshtoken.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokencookie.refreshtoken.control.RefreshTokenRejectedException.Reason;
import dev.tokencookie.refreshtoken.entity.RefreshToken;
import dev.tokencookie.refreshtoken.entity.RefreshTokenState;
import dev.tokencookie.settings.control.AuthSettings;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The refresh-token life cycle on the real JPA store: EclipseLink on an in-memory H2, each call in its own transaction
 * as the container would run it.
 */
class RefreshTokensTest {

    private static final Instant LOGIN = Instant.parse("2026-01-01T10:00:00Z");
    private static final AuthSettings SETTINGS = new AuthSettings("iss", "aud", Duration.ofMinutes(5),
            Duration.ofDays(14), Duration.ofSeconds(30), "api", "refresh_token", "/api/auth", true);

    private static EntityManagerFactory emf;
    private EntityManager em;
    private RefreshTokens tokens;

    @BeforeAll
    static void startDatabase() {
        emf = Persistence.createEntityManagerFactory("token-cookie-auth-test");
    }

    @AfterAll
    static void stopDatabase() {
        emf.close();
    }

    @BeforeEach
    void setUp() {
        em = emf.createEntityManager();
        JpaRefreshTokenStore store = new JpaRefreshTokenStore();
        store.em = em;
        tokens = new RefreshTokens();
        tokens.store = store;
        tokens.settings = SETTINGS;
        at(LOGIN);
    }

    @AfterEach
    void tearDown() throws Exception {
        inTransaction(() -> em.createQuery("DELETE FROM RefreshToken").executeUpdate());
        em.close();
    }

    @Test
    void storesOnlyTheHashOfTheToken() throws Exception {
        IssuedRefreshToken issued = inTransaction(() -> tokens.startFamily("alice", Set.of("user", "admin")));

        RefreshToken row = onlyRow();
        assertEquals(43, issued.value().length(), "256 bits in unpadded base64url");
        assertEquals(OpaqueTokens.hash(issued.value()), row.getTokenHash());
        assertNotEquals(issued.value(), row.getTokenHash());
        assertEquals("alice", row.getUsername());
        assertEquals(Set.of("user", "admin"), row.getGroups());
        assertEquals(RefreshTokenState.ACTIVE, row.getState());
        assertEquals(LOGIN.plus(Duration.ofDays(14)), row.getExpiresAt());
        assertEquals(LOGIN.plus(Duration.ofDays(14)), issued.expiresAt());
    }

    @Test
    void rotationConsumesTheTokenAndKeepsTheFamilyAndItsExpiry() throws Exception {
        IssuedRefreshToken first = inTransaction(() -> tokens.startFamily("bob", Set.of("user")));
        at(LOGIN.plus(Duration.ofDays(3)));

        IssuedRefreshToken second = inTransaction(() -> tokens.rotate(first.value()));

        assertNotEquals(first.value(), second.value());
        assertEquals("bob", second.username());
        assertEquals(Set.of("user"), second.groups());
        assertEquals(first.expiresAt(), second.expiresAt(), "rotation never extends the login's life");
        List<RefreshToken> rows = allRows();
        assertEquals(2, rows.size());
        assertEquals(rows.get(0).getFamilyId(), rows.get(1).getFamilyId());
        assertEquals(RefreshTokenState.CONSUMED, row(first).getState());
        assertEquals(RefreshTokenState.ACTIVE, row(second).getState());
    }

    @Test
    void aConsumedTokenCannotBeUsedAgain() throws Exception {
        IssuedRefreshToken first = inTransaction(() -> tokens.startFamily("bob", Set.of()));
        inTransaction(() -> tokens.rotate(first.value()));

        assertEquals(Reason.CONSUMED, rejection(first.value()));
    }

    @Test
    void unknownAndExpiredTokensAreRefused() throws Exception {
        assertEquals(Reason.UNKNOWN, rejection(OpaqueTokens.newToken()));

        IssuedRefreshToken issued = inTransaction(() -> tokens.startFamily("bob", Set.of()));
        at(LOGIN.plus(Duration.ofDays(14)));
        assertEquals(Reason.EXPIRED, rejection(issued.value()));
    }

    @Test
    void revokingTheFamilyRevokesTheNewestToken() throws Exception {
        IssuedRefreshToken first = inTransaction(() -> tokens.startFamily("bob", Set.of()));
        IssuedRefreshToken second = inTransaction(() -> tokens.rotate(first.value()));

        inTransaction(() -> {
            tokens.revokeFamily(first.value());
            return null;
        });

        assertEquals(Reason.REVOKED, rejection(second.value()));
        allRows().forEach(row -> assertEquals(RefreshTokenState.REVOKED, row.getState()));
    }

    @Test
    void onlyOneConditionalUpdateConsumesAToken() throws Exception {
        IssuedRefreshToken issued = inTransaction(() -> tokens.startFamily("bob", Set.of()));
        String id = row(issued).getId();

        assertTrue(inTransaction(() -> tokens.store.consume(id, LOGIN)));
        assertFalse(inTransaction(() -> tokens.store.consume(id, LOGIN)));
    }

    private Reason rejection(String value) {
        RefreshTokenRejectedException e = assertThrows(RefreshTokenRejectedException.class,
                () -> inTransaction(() -> tokens.rotate(value)));
        return e.reason();
    }

    private void at(Instant instant) {
        tokens.clock = Clock.fixed(instant, ZoneOffset.UTC);
    }

    private RefreshToken row(IssuedRefreshToken token) {
        em.clear();
        return tokens.store.findByHash(OpaqueTokens.hash(token.value())).orElseThrow();
    }

    private RefreshToken onlyRow() {
        List<RefreshToken> rows = allRows();
        assertEquals(1, rows.size());
        return rows.get(0);
    }

    private List<RefreshToken> allRows() {
        em.clear();
        return em.createQuery("SELECT t FROM RefreshToken t ORDER BY t.issuedAt", RefreshToken.class).getResultList();
    }

    /** Runs the work as a container transaction would, with a persistence context of its own. */
    private <T> T inTransaction(Callable<T> work) throws Exception {
        em.clear();
        em.getTransaction().begin();
        try {
            T result = work.call();
            em.getTransaction().commit();
            return result;
        } catch (Exception e) {
            em.getTransaction().rollback();
            throw e;
        }
    }
}
