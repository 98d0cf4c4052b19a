package dev.tokencookie.refreshtoken.entity;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * One refresh token as the server remembers it: never the token itself, only its SHA-256 hash, with whom it stands for
 * and the family (login) it belongs to.
 */
@Entity
@Table(name = "AUTH_REFRESH_TOKEN", indexes = {
        @Index(name = "AUTH_REFRESH_TOKEN_HASH", columnList = "TOKEN_HASH", unique = true),
        @Index(name = "AUTH_REFRESH_TOKEN_FAMILY", columnList = "FAMILY_ID")})
@NamedQuery(name = RefreshToken.BY_HASH,
        query = "SELECT t FROM RefreshToken t WHERE t.tokenHash = :hash")
@NamedQuery(name = RefreshToken.CONSUME,
        query = "UPDATE RefreshToken t SET t.state = dev.tokencookie.refreshtoken.entity.RefreshTokenState.CONSUMED,"
                + " t.consumedAt = :now WHERE t.id = :id"
                + " AND t.state = dev.tokencookie.refreshtoken.entity.RefreshTokenState.ACTIVE")
@NamedQuery(name = RefreshToken.REVOKE_FAMILY,
        query = "UPDATE RefreshToken t SET t.state = dev.tokencookie.refreshtoken.entity.RefreshTokenState.REVOKED"
                + " WHERE t.familyId = :familyId")
public class RefreshToken {

    public static final String BY_HASH = "RefreshToken.byHash";
    public static final String CONSUME = "RefreshToken.consume";
    public static final String REVOKE_FAMILY = "RefreshToken.revokeFamily";

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "TOKEN_HASH", length = 64, nullable = false)
    private String tokenHash;

    @Column(name = "FAMILY_ID", length = 36, nullable = false)
    private String familyId;

    @Column(name = "USERNAME", length = 255, nullable = false)
    private String username;

    @Basic
    @Convert(converter = GroupsConverter.class)
    @Column(name = "GROUPS_JSON", length = 4000, nullable = false)
    private Set<String> groups;

    /** Epoch seconds: a plain number reads the same in every database, driver and time zone. */
    @Column(name = "ISSUED_AT", nullable = false)
    private long issuedAt;

    @Column(name = "EXPIRES_AT", nullable = false)
    private long expiresAt;

    @Column(name = "CONSUMED_AT")
    private Long consumedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "STATE", length = 16, nullable = false)
    private RefreshTokenState state;

    protected RefreshToken() {
        // for JPA
    }

    public RefreshToken(String tokenHash, String familyId, String username, Set<String> groups, Instant issuedAt,
            Instant expiresAt) {
        this.id = UUID.randomUUID().toString();
        this.tokenHash = tokenHash;
        this.familyId = familyId;
        this.username = username;
        this.groups = Set.copyOf(groups);
        this.issuedAt = issuedAt.getEpochSecond();
        this.expiresAt = expiresAt.getEpochSecond();
        this.state = RefreshTokenState.ACTIVE;
    }

    public String getId() {
        return id;
    }

    public String getTokenHash() {
        return tokenHash;
    }

    public String getFamilyId() {
        return familyId;
    }

    public String getUsername() {
        return username;
    }

    public Set<String> getGroups() {
        return groups;
    }

    public Instant getIssuedAt() {
        return Instant.ofEpochSecond(issuedAt);
    }

    public Instant getExpiresAt() {
        return Instant.ofEpochSecond(expiresAt);
    }

    public RefreshTokenState getState() {
        return state;
    }

    public boolean isUsableAt(Instant now) {
        return state == RefreshTokenState.ACTIVE && now.getEpochSecond() < expiresAt;
    }
}
