package dev.tokencookie.refreshtoken.entity;

import dev.tokencookie.shared.control.QueryTimeout;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.QueryHint;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One refresh token as the server remembers it: never the token itself, only its SHA-256 hash, the session it belongs
 * to, and when it was consumed (its successor, sealed, waits for the leeway in {@link RefreshSeal}).
 */
@Entity
// Also when a team's own unit caches entities: a cached row could let a consumed or revoked token pass.
@Cacheable(false)
@Table(name = "AUTH_REFRESH_TOKEN", indexes = {
        @Index(name = "AUTH_REFRESH_TOKEN_HASH", columnList = "TOKEN_HASH", unique = true),
        @Index(name = "AUTH_REFRESH_TOKEN_FAMILY", columnList = "FAMILY_ID")})
@NamedQuery(name = RefreshToken.BY_HASH, query = "SELECT t FROM RefreshToken t WHERE t.tokenHash = :hash",
        hints = @QueryHint(name = QueryTimeout.HINT, value = QueryTimeout.VALUE))
// A rotation's (and a logout's) first read in one statement: the token, its session and the database's clock.
@NamedQuery(name = RefreshToken.BY_HASH_TIMED, query = "SELECT t, f, CURRENT_TIMESTAMP FROM RefreshToken t,"
        + " RefreshSession f WHERE t.tokenHash = :hash AND f.id = t.sessionId",
        hints = @QueryHint(name = QueryTimeout.HINT, value = QueryTimeout.VALUE))
@NamedQuery(name = RefreshToken.CONSUME, query = "UPDATE RefreshToken t SET t.state = :consumed,"
        + " t.consumedAt = :now WHERE t.id = :id AND t.state = :active",
        hints = @QueryHint(name = QueryTimeout.HINT, value = QueryTimeout.VALUE))
@NamedQuery(name = RefreshToken.DELETE_ORPHANS, query = "DELETE FROM RefreshToken t WHERE t.sessionId IN :ids"
        + " AND NOT EXISTS (SELECT f.id FROM RefreshSession f WHERE f.id = t.sessionId)",
        hints = @QueryHint(name = QueryTimeout.HINT, value = QueryTimeout.VALUE))
public class RefreshToken {

    public static final String BY_HASH = "RefreshToken.byHash";
    public static final String BY_HASH_TIMED = "RefreshToken.byHashTimed";
    public static final String CONSUME = "RefreshToken.consume";
    public static final String DELETE_ORPHANS = "RefreshToken.deleteOrphans";

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "TOKEN_HASH", length = 64, nullable = false)
    private String tokenHash;

    @Column(name = "FAMILY_ID", length = 36, nullable = false)
    private String sessionId;

    /** Epoch milliseconds, like every instant of the store. */
    @Column(name = "ISSUED_AT", nullable = false)
    private long issuedAt;

    @Enumerated(EnumType.STRING)
    // VARCHAR everywhere, as in postgresql.sql: Hibernate would make an H2 enum type of it.
    @Column(name = "STATE", length = 16, nullable = false, columnDefinition = "VARCHAR(16)")
    private RefreshTokenState state;

    /** By the database's clock, which every node shares, as the reuse leeway is measured against it. */
    @Column(name = "CONSUMED_AT")
    private Long consumedAt;

    protected RefreshToken() {
        // for JPA
    }

    public RefreshToken(String tokenHash, String sessionId, Instant issuedAt) {
        this.id = UUID.randomUUID().toString();
        this.tokenHash = tokenHash;
        this.sessionId = sessionId;
        this.issuedAt = issuedAt.toEpochMilli();
        this.state = RefreshTokenState.ACTIVE;
    }

    public String getId() {
        return id;
    }

    public String getTokenHash() {
        return tokenHash;
    }

    public String getSessionId() {
        return sessionId;
    }

    public Instant getIssuedAt() {
        return Instant.ofEpochMilli(issuedAt);
    }

    public RefreshTokenState getState() {
        return state;
    }

    public Instant getConsumedAt() {
        return consumedAt == null ? null : Instant.ofEpochMilli(consumedAt);
    }
}
