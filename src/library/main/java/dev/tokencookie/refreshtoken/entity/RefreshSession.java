package dev.tokencookie.refreshtoken.entity;

import dev.tokencookie.shared.control.QueryTimeout;
import jakarta.persistence.Basic;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.QueryHint;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One login (a session): the refresh tokens that rotate out of it share its user, lifetimes and revocation, so that
 * revoking the session revokes every token in it at once.
 */
@Entity
// Also when a team's own unit caches entities: a cached row could let a consumed or revoked token pass.
@Cacheable(false)
// The table keeps the name it had when sessions were called refresh-token families: no migration for a deployed
// database.
@Table(name = "AUTH_REFRESH_FAMILY", indexes = {
        @Index(name = "AUTH_REFRESH_FAMILY_USER", columnList = "USERNAME"),
        @Index(name = "AUTH_REFRESH_FAMILY_EXPIRES", columnList = "EXPIRES_AT"),
        @Index(name = "AUTH_REFRESH_FAMILY_LAST_USED", columnList = "LAST_USED_AT"),
        @Index(name = "AUTH_REFRESH_FAMILY_REVOKED", columnList = "REVOKED_AT")})
@NamedQuery(name = RefreshSession.TOUCH, query = "UPDATE RefreshSession f SET f.lastUsedAt = :now"
        + " WHERE f.id = :id AND f.revokedAt IS NULL AND f.expiresAt > :now AND f.lastUsedAt > :idleCutoff",
        hints = @QueryHint(name = QueryTimeout.HINT, value = QueryTimeout.VALUE))
@NamedQuery(name = RefreshSession.REVOKE, query = "UPDATE RefreshSession f SET f.revokedAt = :now"
        + " WHERE f.id = :id AND f.revokedAt IS NULL",
        hints = @QueryHint(name = QueryTimeout.HINT, value = QueryTimeout.VALUE))
@NamedQuery(name = RefreshSession.REVOKE_ALL_OF_USER, query = "UPDATE RefreshSession f SET f.revokedAt = :now"
        + " WHERE f.username = :username AND f.revokedAt IS NULL",
        hints = @QueryHint(name = QueryTimeout.HINT, value = QueryTimeout.VALUE))
@NamedQuery(name = RefreshSession.LIVE_OF_USER, query = "SELECT f FROM RefreshSession f WHERE f.username = :username"
        + " AND f.revokedAt IS NULL AND f.expiresAt > :now AND f.lastUsedAt > :idleCutoff ORDER BY f.createdAt DESC",
        hints = @QueryHint(name = QueryTimeout.HINT, value = QueryTimeout.VALUE))
@NamedQuery(name = RefreshSession.BY_ID, query = "SELECT f FROM RefreshSession f WHERE f.id = :id",
        hints = @QueryHint(name = QueryTimeout.HINT, value = QueryTimeout.VALUE))
// JPQL has no SELECT without FROM; the session's row is at hand whenever the leeway is measured.
@NamedQuery(name = RefreshSession.DATABASE_TIME,
        query = "SELECT CURRENT_TIMESTAMP FROM RefreshSession f WHERE f.id = :id",
        hints = @QueryHint(name = QueryTimeout.HINT, value = QueryTimeout.VALUE))
// A value, not the entity: a session deleted meanwhile is then no row, where refreshing an entity would fail.
@NamedQuery(name = RefreshSession.REVOKED_AT, query = "SELECT f.revokedAt FROM RefreshSession f WHERE f.id = :id",
        hints = @QueryHint(name = QueryTimeout.HINT, value = QueryTimeout.VALUE))
@NamedQuery(name = RefreshSession.REVOKED_SINCE, query = "SELECT f.id, f.revokedAt FROM RefreshSession f"
        + " WHERE f.revokedAt >= :since",
        hints = @QueryHint(name = QueryTimeout.HINT, value = QueryTimeout.VALUE))
// A revoked session stays until its access tokens are all past their exp: until then every node must learn of it.
@NamedQuery(name = RefreshSession.DEAD, query = "SELECT f.id FROM RefreshSession f WHERE f.revokedAt <= :revokedCutoff"
        + " OR (f.revokedAt IS NULL AND (f.expiresAt <= :now OR f.lastUsedAt <= :idleCutoff))",
        hints = @QueryHint(name = QueryTimeout.HINT, value = QueryTimeout.VALUE))
// Checks deadness again under the row lock: a rotation may have used the session since it was selected.
@NamedQuery(name = RefreshSession.DELETE_DEAD, query = "DELETE FROM RefreshSession f WHERE f.id IN :ids"
        + " AND (f.revokedAt <= :revokedCutoff"
        + " OR (f.revokedAt IS NULL AND (f.expiresAt <= :now OR f.lastUsedAt <= :idleCutoff)))",
        hints = @QueryHint(name = QueryTimeout.HINT, value = QueryTimeout.VALUE))
public class RefreshSession {

    public static final String TOUCH = "RefreshSession.touch";
    public static final String REVOKE = "RefreshSession.revoke";
    public static final String REVOKE_ALL_OF_USER = "RefreshSession.revokeAllOfUser";
    public static final String LIVE_OF_USER = "RefreshSession.liveOfUser";
    public static final String DEAD = "RefreshSession.dead";
    public static final String REVOKED_SINCE = "RefreshSession.revokedSince";
    public static final String REVOKED_AT = "RefreshSession.revokedAt";
    public static final String BY_ID = "RefreshSession.byId";
    public static final String DATABASE_TIME = "RefreshSession.databaseTime";
    public static final String DELETE_DEAD = "RefreshSession.deleteDead";

    /** Longer User-Agent headers are cut: the column is for people to recognise their devices. */
    public static final int USER_AGENT_LENGTH = 255;

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "USERNAME", length = 255, nullable = false)
    private String username;

    @Basic
    @Convert(converter = GroupsConverter.class)
    @Column(name = "GROUPS_JSON", length = 4000, nullable = false)
    private Set<String> groups;

    @Column(name = "USER_AGENT", length = USER_AGENT_LENGTH)
    private String userAgent;

    /** Epoch milliseconds: a plain number reads the same in every database, driver and time zone. */
    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "LAST_USED_AT", nullable = false)
    private long lastUsedAt;

    /** The absolute end, fixed at login: rotation never moves it. */
    @Column(name = "EXPIRES_AT", nullable = false)
    private long expiresAt;

    @Column(name = "REVOKED_AT")
    private Long revokedAt;

    /**
     * The RFC 7638 thumbprint of the key the login is bound to (RFC 9449), fixed at login; null for a login with
     * bearer tokens.
     */
    @Column(name = "DPOP_JKT", length = 64)
    private String boundKey;

    protected RefreshSession() {
        // for JPA
    }

    public RefreshSession(String username, Set<String> groups, String userAgent, Instant createdAt, Instant expiresAt) {
        this(username, groups, userAgent, createdAt, expiresAt, null);
    }

    /** A login bound to the key of that thumbprint, when it is not null. */
    public RefreshSession(String username, Set<String> groups, String userAgent, Instant createdAt, Instant expiresAt,
            String boundKey) {
        this.id = UUID.randomUUID().toString();
        this.username = username;
        this.groups = Set.copyOf(groups);
        this.userAgent = userAgent == null || userAgent.length() <= USER_AGENT_LENGTH
                ? userAgent : userAgent.substring(0, USER_AGENT_LENGTH);
        this.createdAt = createdAt.toEpochMilli();
        this.lastUsedAt = this.createdAt;
        this.expiresAt = expiresAt.toEpochMilli();
        this.boundKey = boundKey;
    }

    public String getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public Set<String> getGroups() {
        return groups;
    }

    public String getUserAgent() {
        return userAgent;
    }

    public Instant getCreatedAt() {
        return Instant.ofEpochMilli(createdAt);
    }

    public Instant getLastUsedAt() {
        return Instant.ofEpochMilli(lastUsedAt);
    }

    public Instant getExpiresAt() {
        return Instant.ofEpochMilli(expiresAt);
    }

    /** The thumbprint of the key every refresh of this login must prove, if it is bound. */
    public Optional<String> getBoundKey() {
        return Optional.ofNullable(boundKey);
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    /**
     * When the session dies if nobody uses it after {@code lastUsed}: at its absolute end, or after the idle time,
     * whichever is first. The last use is the caller's to say: a rotation reads the session before it touches it.
     */
    public Instant endOfLife(Instant lastUsed, Duration idleTtl) {
        Instant idleEnd = lastUsed.plus(idleTtl);
        return idleEnd.isBefore(getExpiresAt()) ? idleEnd : getExpiresAt();
    }
}
