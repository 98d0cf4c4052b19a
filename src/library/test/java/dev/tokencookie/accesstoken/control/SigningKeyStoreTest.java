package dev.tokencookie.accesstoken.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.tokencookie.settings.control.AuthSettings;
import dev.tokencookie.settings.control.SigningAlgorithm;
import dev.tokencookie.settings.control.TestSettings;
import dev.tokencookie.testing.TestClock;
import dev.tokencookie.testing.TestDatabase;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.lang.InvalidAlgorithmException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Keys kept in the database (EclipseLink on H2): the same for every start and node, rotated and removed on time.
 */
class SigningKeyStoreTest {

    private static TestDatabase h2;

    @BeforeAll
    static void start() {
        h2 = TestDatabase.h2(Map.of());
    }

    @AfterAll
    static void stop() throws IOException {
        h2.close();
    }

    @AfterEach
    void forgetKeys() {
        inTransaction(em -> em.createQuery("DELETE FROM StoredSigningKey").executeUpdate());
    }

    private static <T> T inTransaction(Function<EntityManager, T> work) {
        return h2.inTransaction(work);
    }

    /** The store as the container runs it: each call a transaction of its own. */
    static class H2Store extends SigningKeyStore {
        @Override
        public List<ScheduledKey> load() {
            return inTransaction(em -> {
                this.em = em;
                return super.load();
            });
        }

        @Override
        public void add(SigningKey key, long generation, Instant publishedAt, Instant activatesAt) {
            inTransaction(em -> {
                this.em = em;
                super.add(key, generation, publishedAt, activatesAt);
                return null;
            });
        }

        @Override
        public void remove(List<String> keyIds) {
            inTransaction(em -> {
                this.em = em;
                super.remove(keyIds);
                return null;
            });
        }
    }

    private static DatabaseSigningKeys node(AuthSettings settings, SigningKeyStore store, Clock clock) {
        return new DatabaseSigningKeys(store, new KeyRotation(settings), clock);
    }

    private static long rows() {
        return inTransaction(em -> em.createQuery("SELECT COUNT(k) FROM StoredSigningKey k", Long.class)
                .getSingleResult());
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void aTokenSignedBeforeARestartVerifiesAfterIt(SigningAlgorithm algorithm) throws Exception {
        AuthSettings settings = TestSettings.with("auth.signing.algorithm", algorithm.joseName());
        DatabaseSigningKeys before = node(settings, new H2Store(), Clock.systemUTC());
        String token = AccessTokenTest.issuer(settings, before, Clock.systemUTC()).issue("alice", Set.of(), "s")
                .token();

        DatabaseSigningKeys after = node(settings, new H2Store(), Clock.systemUTC());

        assertEquals(before.signingKey().keyId(), after.signingKey().keyId(), "the same key after the restart");
        assertEquals(algorithm.joseName(), after.signingKey().algorithm());
        assertEquals("alice", TestVerifiers.verifier(settings, after).verify(token).name());
        assertEquals(1, rows());
    }

    @Test
    void aTokenOfAnotherAlgorithmIsRefused() {
        AuthSettings es256 = TestSettings.with("auth.signing.algorithm", "ES256");
        AuthSettings rs256 = TestSettings.with("auth.signing.algorithm", "RS256");
        DatabaseSigningKeys keys = node(es256, new H2Store(), Clock.systemUTC());
        String token = AccessTokenTest.issuer(es256, keys, Clock.systemUTC()).issue("alice", Set.of(), "s").token();

        InvalidJwtException e = TestVerifiers.refused(TokenRejectedException.Reason.INVALID,
                () -> TestVerifiers.verifier(rs256, keys).verify(token));
        assertInstanceOf(InvalidAlgorithmException.class, e.getCause(), "only the configured algorithm is accepted");
    }

    @Test
    void twoNodesStartingAtOnceEndUpWithOneKey() {
        AuthSettings settings = TestSettings.with();
        DatabaseSigningKeys first = node(settings, new H2Store(), Clock.systemUTC());
        String firstKid = first.signingKey().keyId();
        // The second node read the table before the first node's key was there, so it tries to add one too.
        DatabaseSigningKeys second = node(settings, new H2Store() {
            private boolean stale = true;

            @Override
            public List<ScheduledKey> load() {
                List<ScheduledKey> keys = super.load();
                if (stale) {
                    stale = false;
                    return List.of();
                }
                return keys;
            }
        }, Clock.systemUTC());

        assertEquals(firstKid, second.signingKey().keyId(), "the generation's unique key lets only one in");
        assertEquals(1, rows());
    }

    @Test
    void keysRotateAndTheReplacedKeyIsDeletedOnceItsTokensHaveExpired() {
        // A lead of 10 s and a period of 30 s.
        AuthSettings settings = TestSettings.with("auth.access-token.ttl", "PT10S", "auth.clock-skew", "PT0S",
                "auth.signing.rotation-period", "PT30S");
        TestClock clock = new TestClock(Instant.parse("2026-11-01T00:00:00Z"));
        Instant start = clock.now;
        List<String> changes = new ArrayList<>();
        DatabaseSigningKeys node = new DatabaseSigningKeys(new H2Store(), new KeyRotation(settings), clock,
                new KeyRingChanges() {
                    @Override
                    public void added(SigningKey key) {
                        changes.add("added " + key.keyId());
                    }

                    @Override
                    public void removed(List<String> keyIds) {
                        changes.add("removed " + keyIds);
                    }
                });
        DatabaseSigningKeys otherNode = node(settings, new H2Store(), clock);
        String first = node.signingKey().keyId();

        clock.now = start.plusSeconds(20);
        assertEquals(first, node.signingKey().keyId());
        assertEquals(2, node.publishedKeys().size(), "the next key is published 10 s ahead");
        String next = node.publishedKeys().get(1).keyId();
        assertEquals(List.of(first, next), otherNode.publishedKeys().stream().map(SigningKey::keyId).toList(),
                "the other node publishes the same next key");

        clock.now = start.plusSeconds(30);
        assertEquals(next, node.signingKey().keyId());
        assertEquals(next, otherNode.signingKey().keyId());
        assertEquals(2, rows(), "the replaced key verifies the tokens it signed until they expire");

        clock.now = start.plusSeconds(40);
        assertEquals(List.of(next), node.publishedKeys().stream().map(SigningKey::keyId).toList());
        assertEquals(1, rows());
        assertEquals(List.of(next), otherNode.publishedKeys().stream().map(SigningKey::keyId).toList());
        assertEquals(List.of("added " + first, "added " + next, "removed [" + first + "]"), changes,
                "the audit trail hears of each change this node made, once");
    }

    @Test
    void whenTheDatabaseIsAwayTheKeysReadBeforeStayInUse() {
        AuthSettings settings = TestSettings.with();
        TestClock clock = new TestClock(Instant.parse("2026-11-01T00:00:00Z"));
        boolean[] down = {false};
        int[] loads = {0};
        DatabaseSigningKeys node = node(settings, new H2Store() {
            @Override
            public List<ScheduledKey> load() {
                loads[0]++;
                if (down[0]) {
                    throw new IllegalStateException("database down");
                }
                return super.load();
            }
        }, clock);
        String kid = node.signingKey().keyId();

        down[0] = true;
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        assertEquals(kid, node.signingKey().keyId());
        assertEquals(kid, node.verificationKey(kid).orElseThrow().keyId());
        int loadsDuringOutage = loads[0];
        clock.now = clock.now.plusSeconds(5);
        node.signingKey();
        assertEquals(loadsDuringOutage, loads[0], "not retried on every call");
    }
}
