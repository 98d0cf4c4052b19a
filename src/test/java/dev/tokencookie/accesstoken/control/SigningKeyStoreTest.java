package dev.tokencookie.accesstoken.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keys kept in the database (EclipseLink on H2): created once, then the same for every later start.
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

    private static List<SigningKey> load() {
        EntityManager em = emf.createEntityManager();
        try {
            SigningKeyStore store = new SigningKeyStore();
            store.em = em;
            em.getTransaction().begin();
            List<SigningKey> keys = store.loadOrCreate();
            em.getTransaction().commit();
            return keys;
        } finally {
            em.close();
        }
    }

    @Test
    void theFirstStartCreatesAKeyAndEveryLaterStartReadsTheSame() throws Exception {
        List<SigningKey> first = load();
        List<SigningKey> restarted = load();

        assertEquals(1, first.size());
        assertEquals(first.get(0).keyId(), restarted.get(0).keyId());
        assertEquals(first.get(0).publicKey(), restarted.get(0).publicKey());

        // A token signed before the "restart" verifies after it.
        DatabaseSigningKeys before = new DatabaseSigningKeys();
        before.store = storeReturning(first);
        DatabaseSigningKeys after = new DatabaseSigningKeys();
        after.store = storeReturning(restarted);
        AccessTokenIssuer issuer = AccessTokenTest.issuer(AccessTokenTest.SETTINGS, before, java.time.Clock.systemUTC());
        AccessTokenVerifier verifier = new AccessTokenVerifier();
        verifier.settings = AccessTokenTest.SETTINGS;
        verifier.keys = after;
        verifier.buildConsumer();
        assertEquals("alice", verifier.verify(issuer.issue("alice", Set.of(), "s").token()).name());
    }

    @Test
    void aKeyStoredByAnotherNodeIsFoundByReloadingButNotOnEveryRequest() {
        SigningKey ours = GeneratedSigningKeys.generateRs256();
        SigningKey theirs = GeneratedSigningKeys.generateRs256();
        int[] loads = {0};
        DatabaseSigningKeys keys = new DatabaseSigningKeys();
        keys.store = new SigningKeyStore() {
            @Override
            public List<SigningKey> loadOrCreate() {
                loads[0]++;
                return loads[0] == 1 ? List.of(ours) : List.of(ours, theirs);
            }
        };
        assertEquals(ours.keyId(), keys.signingKey().keyId());

        assertEquals(theirs.keyId(), keys.verificationKey(theirs.keyId()).orElseThrow().keyId());
        assertEquals(2, loads[0]);
        assertEquals(java.util.Optional.empty(), keys.verificationKey("unknown"));
        assertEquals(java.util.Optional.empty(), keys.verificationKey("unknown-again"));
        assertEquals(2, loads[0], "no more reloads within the interval");
    }

    private static SigningKeyStore storeReturning(List<SigningKey> keys) {
        return new SigningKeyStore() {
            @Override
            public List<SigningKey> loadOrCreate() {
                return keys;
            }
        };
    }
}
