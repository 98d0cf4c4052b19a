package dev.tokencookie.accesstoken.entity;

import dev.tokencookie.shared.control.QueryTimeout;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.QueryHint;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A signing key pair as the database keeps it, so that every node and every restart signs and verifies with the same
 * keys; the private part is as sensitive as the table's access rules make it.
 */
@Entity
// Also when a team's own unit caches entities: a cached row could let a consumed or revoked token pass.
@Cacheable(false)
@Table(name = "AUTH_SIGNING_KEY")
@NamedQuery(name = StoredSigningKey.ALL, query = "SELECT k FROM StoredSigningKey k ORDER BY k.generation",
        hints = @QueryHint(name = QueryTimeout.HINT, value = QueryTimeout.VALUE))
@NamedQuery(name = StoredSigningKey.REMOVE, query = "DELETE FROM StoredSigningKey k WHERE k.keyId IN :keyIds",
        hints = @QueryHint(name = QueryTimeout.HINT, value = QueryTimeout.VALUE))
public class StoredSigningKey {

    public static final String ALL = "StoredSigningKey.all";
    public static final String REMOVE = "StoredSigningKey.remove";

    /** The RFC 7638 thumbprint of the public key. */
    @Id
    @Column(name = "KID", length = 64)
    private String keyId;

    @Column(name = "ALGORITHM", length = 16, nullable = false)
    private String algorithm;

    /** X.509 SubjectPublicKeyInfo, base64. */
    @Column(name = "PUBLIC_KEY", length = 2048, nullable = false)
    private String publicKey;

    /** PKCS #8, base64. */
    @Column(name = "PRIVATE_KEY", length = 4096, nullable = false)
    private String privateKey;

    /** One per rotation; unique, so that when two nodes rotate at once only one key is added. */
    @Column(name = "GENERATION", nullable = false, unique = true)
    private long generation;

    /** When the key was published, epoch milliseconds. */
    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    /** From when the key signs, epoch milliseconds. */
    @Column(name = "ACTIVATES_AT", nullable = false)
    private long activatesAt;

    protected StoredSigningKey() {
        // for JPA
    }

    public StoredSigningKey(String keyId, String algorithm, String publicKey, String privateKey, long generation,
            Instant createdAt, Instant activatesAt) {
        this.keyId = keyId;
        this.algorithm = algorithm;
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        this.generation = generation;
        this.createdAt = createdAt.toEpochMilli();
        this.activatesAt = activatesAt.toEpochMilli();
    }

    public String getKeyId() {
        return keyId;
    }

    public String getAlgorithm() {
        return algorithm;
    }

    public String getPublicKey() {
        return publicKey;
    }

    public String getPrivateKey() {
        return privateKey;
    }

    public long getGeneration() {
        return generation;
    }

    public Instant getCreatedAt() {
        return Instant.ofEpochMilli(createdAt);
    }

    public Instant getActivatesAt() {
        return Instant.ofEpochMilli(activatesAt);
    }
}
