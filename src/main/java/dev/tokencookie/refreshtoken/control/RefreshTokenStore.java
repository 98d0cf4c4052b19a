package dev.tokencookie.refreshtoken.control;

import dev.tokencookie.refreshtoken.entity.RefreshToken;
import java.time.Instant;
import java.util.Optional;

/**
 * Persistence of refresh tokens, called inside the caller's transaction; an {@code @Alternative} bean replaces the JPA default.
 */
public interface RefreshTokenStore {

    void add(RefreshToken token);

    Optional<RefreshToken> findByHash(String tokenHash);

    /**
     * Marks an active token consumed in one conditional update, so that of two concurrent callers only one succeeds.
     *
     * @return whether this call consumed it
     */
    boolean consume(String id, Instant now);

    /** Revokes every token of a family, the newest included. */
    void revokeFamily(String familyId);
}
