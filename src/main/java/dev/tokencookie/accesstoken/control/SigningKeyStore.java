package dev.tokencookie.accesstoken.control;

import dev.tokencookie.accesstoken.entity.StoredSigningKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

/**
 * Reads the signing keys from the database, generating the first one when there is none, in one transaction.
 */
@ApplicationScoped
@Transactional
public class SigningKeyStore {

    @PersistenceContext(unitName = "token-cookie-auth")
    EntityManager em;

    Clock clock = Clock.systemUTC();

    /** The stored keys, oldest first; a key of the algorithm is created when there is none yet. */
    public List<SigningKey> loadOrCreate(SigningAlgorithm algorithm) {
        List<StoredSigningKey> stored = all();
        if (stored.stream().noneMatch(key -> key.getAlgorithm().equals(algorithm.joseName()))) {
            SigningKey key = GeneratedSigningKeys.newKey(algorithm);
            Base64.Encoder base64 = Base64.getEncoder();
            em.persist(new StoredSigningKey(key.keyId(), key.algorithm(),
                    base64.encodeToString(key.publicKey().getEncoded()),
                    base64.encodeToString(key.privateKey().getEncoded()), clock.instant()));
            em.flush();
            stored = all();
        }
        return stored.stream().map(SigningKeyStore::toKey).toList();
    }

    private List<StoredSigningKey> all() {
        return em.createNamedQuery(StoredSigningKey.ALL, StoredSigningKey.class).getResultList();
    }

    static SigningKey toKey(StoredSigningKey stored) {
        try {
            Base64.Decoder base64 = Base64.getDecoder();
            KeyFactory factory = SigningAlgorithm.byJoseName(stored.getAlgorithm())
                    .orElseThrow(() -> new IllegalStateException("Unknown algorithm " + stored.getAlgorithm()))
                    .keyFactory();
            return new SigningKey(stored.getKeyId(), stored.getAlgorithm(),
                    factory.generatePrivate(new PKCS8EncodedKeySpec(base64.decode(stored.getPrivateKey()))),
                    factory.generatePublic(new X509EncodedKeySpec(base64.decode(stored.getPublicKey()))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The stored signing key " + stored.getKeyId() + " cannot be read", e);
        }
    }
}
