package dev.tokencookie.refreshtoken.control;

import dev.tokencookie.refreshtoken.control.RefreshTokenRejectedException.Reason;
import dev.tokencookie.refreshtoken.entity.RefreshToken;
import dev.tokencookie.settings.control.AuthSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * The life of refresh tokens: a login starts a family, each refresh consumes the presented token for its successor,
 * and a logout revokes the family.
 */
@ApplicationScoped
@Transactional
public class RefreshTokens {

    @Inject
    RefreshTokenStore store;

    @Inject
    AuthSettings settings;

    Clock clock = Clock.systemUTC();

    public IssuedRefreshToken startFamily(String username, Set<String> groups) {
        Instant now = clock.instant();
        return issue(UUID.randomUUID().toString(), username, groups, now, now.plus(settings.refreshTokenTtl()));
    }

    /**
     * Exchanges a presented token for its successor.
     *
     * @throws RefreshTokenRejectedException when the token is unknown, expired, revoked or already used
     */
    public IssuedRefreshToken rotate(String presented) throws RefreshTokenRejectedException {
        Instant now = clock.instant();
        RefreshToken current = store.findByHash(OpaqueTokens.hash(presented))
                .orElseThrow(() -> new RefreshTokenRejectedException(Reason.UNKNOWN));
        switch (current.getState()) {
            case CONSUMED -> throw new RefreshTokenRejectedException(Reason.CONSUMED);
            case REVOKED -> throw new RefreshTokenRejectedException(Reason.REVOKED);
            case ACTIVE -> {
                if (!current.isUsableAt(now)) {
                    throw new RefreshTokenRejectedException(Reason.EXPIRED);
                }
            }
        }
        if (!store.consume(current.getId(), now)) {
            // Another request consumed it between our read and our update.
            throw new RefreshTokenRejectedException(Reason.CONSUMED);
        }
        return issue(current.getFamilyId(), current.getUsername(), current.getGroups(), now, current.getExpiresAt());
    }

    /** Ends the session the presented token belongs to; an unknown token is ignored, as logout always succeeds. */
    public void revokeFamily(String presented) {
        store.findByHash(OpaqueTokens.hash(presented)).ifPresent(token -> store.revokeFamily(token.getFamilyId()));
    }

    private IssuedRefreshToken issue(String familyId, String username, Set<String> groups, Instant now,
            Instant expiresAt) {
        String value = OpaqueTokens.newToken();
        store.add(new RefreshToken(OpaqueTokens.hash(value), familyId, username, groups, now, expiresAt));
        return new IssuedRefreshToken(value, username, groups, expiresAt);
    }
}
