package dev.tokencookie.accesstoken.control;

import dev.tokencookie.accesstoken.entity.StoredSigningKey;
import dev.tokencookie.settings.control.SigningAlgorithm;
import dev.tokencookie.shared.control.UncheckedCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Keeps the signing keys in the database. Each call is a transaction of its own, so that a rotation never joins
 * (nor spoils) the login or refresh that happened to trigger it.
 */
@ApplicationScoped
@Transactional(TxType.REQUIRES_NEW)
@UncheckedCommit
public class SigningKeyStore {

    @PersistenceContext
    EntityManager em;

    public List<ScheduledKey> load() {
        return em.createNamedQuery(StoredSigningKey.ALL, StoredSigningKey.class)
                .getResultList().stream()
                .map(SigningKeyStore::toScheduledKey).toList();
    }

    /** Fails when another node has added a key of the same generation first. */
    public void add(SigningKey key, long generation, Instant publishedAt, Instant activatesAt) {
        Base64.Encoder base64 = Base64.getEncoder();
        em.persist(new StoredSigningKey(key.keyId(), key.algorithm(),
                base64.encodeToString(key.publicKey().getEncoded()),
                base64.encodeToString(key.privateKey().getEncoded()), generation, publishedAt, activatesAt));
        em.flush();
    }

    public void remove(List<String> keyIds) {
        em.createNamedQuery(StoredSigningKey.REMOVE).setParameter("keyIds", keyIds).executeUpdate();
    }

    static ScheduledKey toScheduledKey(StoredSigningKey stored) {
        try {
            Base64.Decoder base64 = Base64.getDecoder();
            String keyType = SigningAlgorithm.byJoseName(stored.getAlgorithm())
                    .orElseThrow(() -> new IllegalStateException("Unknown algorithm " + stored.getAlgorithm()))
                    .keyType();
            KeyFactory factory = KeyFactory.getInstance(keyType);
            SigningKey key = new SigningKey(stored.getKeyId(), stored.getAlgorithm(),
                    factory.generatePrivate(new PKCS8EncodedKeySpec(base64.decode(stored.getPrivateKey()))),
                    factory.generatePublic(new X509EncodedKeySpec(base64.decode(stored.getPublicKey()))));
            return new ScheduledKey(key, stored.getGeneration(), stored.getCreatedAt(), stored.getActivatesAt());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The stored signing key " + stored.getKeyId() + " cannot be read", e);
        }
    }
}
