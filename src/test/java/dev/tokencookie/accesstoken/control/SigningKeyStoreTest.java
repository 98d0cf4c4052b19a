package dev.tokencookie.accesstoken.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tokencookie.settings.control.AuthSettings;
import dev.tokencookie.settings.control.TestSettings;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.lang.InvalidAlgorithmException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Keys kept in the database (EclipseLink on H2): created once per algorithm, then the same for every later start.
 */
class SigningKeyStoreTest {

    private static EntityManagerFactory emf;

    @BeforeAll
    static void start() {
        emf = Persistence.createEntityManagerFactory("token-cookie-auth-test");
    }

    @AfterAll
    static void stop() {
        emf.close();
    }

    @AfterEach
    void forgetKeys() {
        EntityManager em = emf.createEntityManager();
        em.getTransaction().begin();
        em.createQuery("DELETE FROM StoredSigningKey").executeUpdate();
        em.getTransaction().commit();
        em.close();
    }

    private static List<SigningKey> load(SigningAlgorithm algorithm) {
        EntityManager em = emf.createEntityManager();
        try {
            SigningKeyStore store = new SigningKeyStore();
            store.em = em;
            em.getTransaction().begin();
            List<SigningKey> keys = store.loadOrCreate(algorithm);
            em.getTransaction().commit();
            return keys;
        } finally {
            em.close();
        }
    }

    private static DatabaseSigningKeys source(AuthSettings settings, SigningAlgorithm algorithm) {
        DatabaseSigningKeys keys = new DatabaseSigningKeys();
        keys.settings = settings;
        keys.store = storeReturning(load(algorithm));
        return keys;
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void aTokenSignedBeforeARestartVerifiesAfterIt(SigningAlgorithm algorithm) throws Exception {
        AuthSettings settings = TestSettings.with("auth.signing.algorithm", algorithm.joseName());
        DatabaseSigningKeys before = source(settings, algorithm);
        DatabaseSigningKeys after = source(settings, algorithm);
        assertEquals(before.signingKey().keyId(), after.signingKey().keyId(), "the same key after the restart");
        assertEquals(algorithm.joseName(), after.signingKey().algorithm());

        String token = AccessTokenTest.issuer(settings, before, Clock.systemUTC()).issue("alice", Set.of(), "s").token();

        assertEquals("alice", verifier(settings, after).verify(token).name());
    }

    @Test
    void aTokenOfAnotherAlgorithmIsRefused() throws Exception {
        AuthSettings es256 = TestSettings.with("auth.signing.algorithm", "ES256");
        AuthSettings rs256 = TestSettings.with("auth.signing.algorithm", "RS256");
        DatabaseSigningKeys keys = source(es256, SigningAlgorithm.ES256);
        keys.store = storeReturning(load(SigningAlgorithm.RS256));
        String token = AccessTokenTest.issuer(es256, keys, Clock.systemUTC()).issue("alice", Set.of(), "s").token();

        InvalidJwtException e = assertThrows(InvalidJwtException.class, () -> verifier(rs256, keys).verify(token));
        assertInstanceOf(InvalidAlgorithmException.class, e.getCause(), "only the configured algorithm is accepted");
    }

    @Test
    void aKeyStoredByAnotherNodeIsFoundByReloadingButNotOnEveryRequest() {
        SigningKey ours = GeneratedSigningKeys.generateRs256();
        SigningKey theirs = GeneratedSigningKeys.generateRs256();
        int[] loads = {0};
        DatabaseSigningKeys keys = new DatabaseSigningKeys();
        keys.settings = TestSettings.with();
        keys.store = new SigningKeyStore() {
            @Override
            public List<SigningKey> loadOrCreate(SigningAlgorithm algorithm) {
                loads[0]++;
                return loads[0] == 1 ? List.of(ours) : List.of(ours, theirs);
            }
        };
        assertEquals(ours.keyId(), keys.signingKey().keyId());

        assertEquals(theirs.keyId(), keys.verificationKey(theirs.keyId()).orElseThrow().keyId());
        assertEquals(2, loads[0]);
        assertEquals(Optional.empty(), keys.verificationKey("unknown"));
        assertEquals(Optional.empty(), keys.verificationKey("unknown-again"));
        assertEquals(2, loads[0], "no more reloads within the interval");
    }

    private static AccessTokenVerifier verifier(AuthSettings settings, SigningKeySource keys) {
        AccessTokenVerifier verifier = new AccessTokenVerifier();
        verifier.settings = settings;
        verifier.keys = keys;
        verifier.buildConsumer();
        return verifier;
    }

    private static SigningKeyStore storeReturning(List<SigningKey> keys) {
        return new SigningKeyStore() {
            @Override
            public List<SigningKey> loadOrCreate(SigningAlgorithm algorithm) {
                return keys;
            }
        };
    }
}
