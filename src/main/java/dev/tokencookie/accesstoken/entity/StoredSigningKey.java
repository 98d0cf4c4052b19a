package dev.tokencookie.accesstoken.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A signing key pair as the database keeps it, so that every node and every restart signs and verifies with the same
 * keys; the private part is as sensitive as the table's access rules make it.
 */
@Entity
@Table(name = "AUTH_SIGNING_KEY")
@NamedQuery(name = StoredSigningKey.ALL, query = "SELECT k FROM StoredSigningKey k ORDER BY k.createdAt, k.keyId")
public class StoredSigningKey {

    public static final String ALL = "StoredSigningKey.all";

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

    /** Epoch milliseconds. */
    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    protected StoredSigningKey() {
        // for JPA
    }

    public StoredSigningKey(String keyId, String algorithm, String publicKey, String privateKey, Instant createdAt) {
        this.keyId = keyId;
        this.algorithm = algorithm;
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        this.createdAt = createdAt.toEpochMilli();
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

    public Instant getCreatedAt() {
        return Instant.ofEpochMilli(createdAt);
    }
}
