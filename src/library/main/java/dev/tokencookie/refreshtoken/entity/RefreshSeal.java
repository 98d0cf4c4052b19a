package dev.tokencookie.refreshtoken.entity;

import dev.tokencookie.shared.control.QueryTimeout;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.QueryHint;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A consumed token's successor, sealed under a key that only the consumed token yields, kept for the reuse leeway
 * alone: in a table of its own that every node sweeps every few seconds, so that it stays small, and so that an old
 * cookie and a copy of the database taken some seconds after the leeway (its grace for a rotation under way and a
 * sweep's period, RefreshTokens.SEAL_GRACE) never lead to the live token.
 */
@Entity
// Also when a team's own unit caches entities: a cached row could let a consumed or revoked token pass.
@Cacheable(false)
@Table(name = "AUTH_REFRESH_SEAL", indexes = @Index(name = "AUTH_REFRESH_SEAL_EXPIRES", columnList = "EXPIRES_AT"))
@NamedQuery(name = RefreshSeal.DELETE_EXPIRED, query = "DELETE FROM RefreshSeal s WHERE s.expiresAt < :before",
        hints = @QueryHint(name = QueryTimeout.HINT, value = QueryTimeout.VALUE))
// The database's clock, read through the table being swept: with no seal there is nothing to sweep, nor a time needed.
@NamedQuery(name = RefreshSeal.DATABASE_TIME, query = "SELECT CURRENT_TIMESTAMP FROM RefreshSeal s",
        hints = @QueryHint(name = QueryTimeout.HINT, value = QueryTimeout.VALUE))
public class RefreshSeal {

    public static final String DELETE_EXPIRED = "RefreshSeal.deleteExpired";
    public static final String DATABASE_TIME = "RefreshSeal.databaseTime";

    /** The consumed token's id: one seal per consumption. */
    @Id
    @Column(name = "TOKEN_ID", length = 36)
    private String tokenId;

    /** A compact JWE (dir, A256GCM) of the successor's value. */
    @Column(name = "SEALED_SUCCESSOR", length = 512, nullable = false)
    private String sealedSuccessor;

    /** When the leeway ends, by the database's clock, epoch milliseconds. */
    @Column(name = "EXPIRES_AT", nullable = false)
    private long expiresAt;

    protected RefreshSeal() {
        // for JPA
    }

    public RefreshSeal(String tokenId, String sealedSuccessor, Instant expiresAt) {
        this.tokenId = tokenId;
        this.sealedSuccessor = sealedSuccessor;
        this.expiresAt = expiresAt.toEpochMilli();
    }

    public String getTokenId() {
        return tokenId;
    }

    public String getSealedSuccessor() {
        return sealedSuccessor;
    }

    public Instant getExpiresAt() {
        return Instant.ofEpochMilli(expiresAt);
    }
}
